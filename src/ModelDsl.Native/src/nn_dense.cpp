// Fully connected layer, flatten and the element-wise activations.
#include "nn_common.h"

using mdsl::TensorHandle;
using mdsl::nn::shape_str;

MDSL_API TensorHandle mdsl_nn_linear(TensorHandle input, TensorHandle weight, TensorHandle bias) {
    MDSL_TRY
    auto& x = mdsl::unwrap(input);
    auto& w = mdsl::unwrap(weight);
    if (w.dim() != 2) throw std::invalid_argument("linear expects a 2-D weight [out, in] but got " + shape_str(w));
    if (x.dim() < 1 || x.size(-1) != w.size(1)) {
        throw std::invalid_argument("linear expects input [..., " + std::to_string(w.size(1)) + "] (weight " +
                                    shape_str(w) + ") but got input " + shape_str(x));
    }
    return mdsl::wrap(at::linear(x, w, mdsl::nn::optional(bias)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_nn_flatten(TensorHandle input, int64_t start_dim, int64_t end_dim) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(input).flatten(start_dim, end_dim));
    MDSL_CATCH(nullptr)
}

// kind: see ModelDsl.Torch.Nn.ActivationKind. arg: negative slope for leaky_relu. dim: softmax axis.
MDSL_API TensorHandle mdsl_nn_activation(TensorHandle input, int kind, double arg, int64_t dim) {
    MDSL_TRY
    auto& x = mdsl::unwrap(input);
    switch (kind) {
        case 0: return mdsl::wrap(at::relu(x));
        case 1: return mdsl::wrap(at::hardtanh(x, 0.0, 6.0));
        case 2: return mdsl::wrap(at::sigmoid(x));
        case 3: return mdsl::wrap(at::tanh(x));
        case 4: return mdsl::wrap(at::softmax(x, dim));
        case 5: return mdsl::wrap(at::log_softmax(x, dim));
        case 6: return mdsl::wrap(at::leaky_relu(x, arg));
        case 7: return mdsl::wrap(at::silu(x));
        case 8: return mdsl::wrap(at::gelu(x));
        case 9: return mdsl::wrap(at::elu(x, arg));
        case 10: return mdsl::wrap(at::softplus(x));
        default: throw std::invalid_argument("unknown activation kind " + std::to_string(kind));
    }
    MDSL_CATCH(nullptr)
}
