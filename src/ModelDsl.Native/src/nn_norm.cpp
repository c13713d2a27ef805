// Batch normalisation and dropout: the two ops whose behaviour depends on training mode.
#include "nn_common.h"

using mdsl::TensorHandle;
using mdsl::nn::shape_str;

// momentum follows PyTorch (new = (1 - momentum) * old + momentum * batch). When training, the running
// statistics are updated in place by at::batch_norm and num_batches_tracked (if given) is incremented.
MDSL_API TensorHandle mdsl_nn_batch_norm(TensorHandle input, TensorHandle running_mean, TensorHandle running_var,
                                         TensorHandle weight, TensorHandle bias, TensorHandle num_batches_tracked,
                                         int training, double momentum, double eps) {
    MDSL_TRY
    auto& x = mdsl::unwrap(input);
    const auto mean = mdsl::nn::optional(running_mean);
    if (x.dim() < 2) throw std::invalid_argument("batch_norm expects input [N, C, ...] but got " + shape_str(x));
    if (mean.defined() && mean.numel() != x.size(1)) {
        throw std::invalid_argument("batch_norm expects " + std::to_string(mean.numel()) +
                                    " channels but got input " + shape_str(x));
    }
    if (training && x.numel() / x.size(1) <= 1) {
        throw std::invalid_argument("batch_norm in training needs more than one value per channel, got input " +
                                    shape_str(x));
    }
    auto y = at::batch_norm(x, mdsl::nn::optional(weight), mdsl::nn::optional(bias), mean,
                            mdsl::nn::optional(running_var), training != 0, momentum, eps, /*cudnn_enabled=*/true);
    if (training && num_batches_tracked) {
        at::NoGradGuard no_grad;
        num_batches_tracked->add_(1);
    }
    return mdsl::wrap(std::move(y));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_nn_dropout(TensorHandle input, double p, int training) {
    MDSL_TRY
    if (p < 0 || p > 1) throw std::invalid_argument("dropout probability must be in [0, 1], got " + std::to_string(p));
    return mdsl::wrap(at::dropout(mdsl::unwrap(input), p, training != 0));
    MDSL_CATCH(nullptr)
}
