// Loss functions. reduction follows at::Reduction: 0 none, 1 mean, 2 sum.
#include "nn_common.h"

using mdsl::TensorHandle;
using mdsl::nn::shape_str;

namespace {

void require_class_targets(const char* op, const at::Tensor& scores, const at::Tensor& targets) {
    if (scores.dim() < 2) throw std::invalid_argument(std::string(op) + " expects scores [N, C, ...] but got " + shape_str(scores));
    const bool indices = !at::isFloatingType(targets.scalar_type());
    const bool same_batch = targets.dim() > 0 && targets.size(0) == scores.size(0);
    const bool ok = indices ? (targets.dim() == scores.dim() - 1 && same_batch)
                            : (targets.sizes() == scores.sizes());
    if (!ok) {
        throw std::invalid_argument(std::string(op) + ": targets " + shape_str(targets) +
                                    (indices ? " (class indices)" : " (probabilities)") +
                                    " do not match scores " + shape_str(scores));
    }
}

}  // namespace

// targets: int64 class indices [N, ...] or float class probabilities shaped like logits.
MDSL_API TensorHandle mdsl_nn_cross_entropy(TensorHandle logits, TensorHandle targets, int64_t reduction,
                                            double label_smoothing, int64_t ignore_index) {
    MDSL_TRY
    auto& x = mdsl::unwrap(logits);
    auto& t = mdsl::unwrap(targets);
    require_class_targets("cross_entropy", x, t);
    return mdsl::wrap(at::cross_entropy_loss(x, t, {}, reduction, ignore_index, label_smoothing));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_nn_nll_loss(TensorHandle log_probs, TensorHandle targets, int64_t reduction, int64_t ignore_index) {
    MDSL_TRY
    auto& x = mdsl::unwrap(log_probs);
    auto& t = mdsl::unwrap(targets);
    require_class_targets("nll_loss", x, t);
    if (at::isFloatingType(t.scalar_type())) throw std::invalid_argument("nll_loss expects int64 class indices as targets");
    return mdsl::wrap(at::nll_loss_nd(x, t, {}, reduction, ignore_index));
    MDSL_CATCH(nullptr)
}

// Keras categorical_crossentropy(from_logits=False): rescale so the classes sum to one, clip to
// [eps, 1 - eps] and take the log, so a saturated softmax gives a finite loss and gradient.
MDSL_API TensorHandle mdsl_nn_cross_entropy_probs(TensorHandle probs, TensorHandle targets, int64_t reduction, double eps) {
    MDSL_TRY
    auto& p = mdsl::unwrap(probs);
    auto& t = mdsl::unwrap(targets);
    require_class_targets("cross_entropy_on_probabilities", p, t);
    auto log_p = (p / p.sum(1, true)).clamp(eps, 1.0 - eps).log();
    if (at::isFloatingType(t.scalar_type())) {
        return mdsl::wrap(mdsl::nn::reduce(-(t * log_p).sum(1), reduction));
    }
    return mdsl::wrap(at::nll_loss_nd(log_p, t, {}, reduction, -100));
    MDSL_CATCH(nullptr)
}

// Keras binary_crossentropy(from_logits=False): probabilities clipped to [eps, 1 - eps].
MDSL_API TensorHandle mdsl_nn_binary_cross_entropy(TensorHandle probs, TensorHandle targets, int64_t reduction, double eps) {
    MDSL_TRY
    auto& p = mdsl::unwrap(probs);
    auto& t = mdsl::unwrap(targets);
    if (p.sizes() != t.sizes()) {
        throw std::invalid_argument("binary_cross_entropy: targets " + shape_str(t) + " do not match probabilities " + shape_str(p));
    }
    auto clipped = p.clamp(eps, 1.0 - eps);
    auto loss = -(t * clipped.log() + (1 - t) * (1 - clipped).log());
    return mdsl::wrap(mdsl::nn::reduce(loss, reduction));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_nn_binary_cross_entropy_with_logits(TensorHandle logits, TensorHandle targets, int64_t reduction) {
    MDSL_TRY
    auto& x = mdsl::unwrap(logits);
    auto& t = mdsl::unwrap(targets);
    if (x.sizes() != t.sizes()) {
        throw std::invalid_argument("binary_cross_entropy_with_logits: targets " + shape_str(t) + " do not match logits " + shape_str(x));
    }
    return mdsl::wrap(at::binary_cross_entropy_with_logits(x, t, {}, {}, reduction));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_nn_mse_loss(TensorHandle input, TensorHandle target, int64_t reduction) {
    MDSL_TRY
    auto& x = mdsl::unwrap(input);
    auto& t = mdsl::unwrap(target);
    if (x.sizes() != t.sizes()) {
        throw std::invalid_argument("mse_loss: target " + shape_str(t) + " does not match input " + shape_str(x));
    }
    return mdsl::wrap(at::mse_loss(x, t, reduction));
    MDSL_CATCH(nullptr)
}
