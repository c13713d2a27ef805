// Helpers shared by the nn_*.cpp and optim_*.cpp exports: shape text for error messages,
// optional handles and argument checks that name the op, as the C# side forwards the message.
#pragma once
#include "mdsl.h"
#include <sstream>
#include <stdexcept>

namespace mdsl::nn {

inline std::string shape_str(const at::Tensor& t) {
    std::ostringstream s;
    s << '[';
    for (int64_t i = 0; i < t.dim(); ++i) s << (i ? ", " : "") << t.size(i);
    s << ']';
    return s.str();
}

// A nullable handle (optional bias, running stats) as an undefined tensor when absent.
inline at::Tensor optional(TensorHandle h) { return h ? *h : at::Tensor(); }

// libtorch accepts unbatched 3-D input for 2-D ops; the DSL is always NCHW, so a missing batch
// axis is a user error that must be reported rather than silently reinterpreted.
inline void require_nchw(const char* op, const at::Tensor& x) {
    if (x.dim() != 4) {
        throw std::invalid_argument(std::string(op) + " expects a 4-D input [N, C, H, W] but got shape " +
                                    shape_str(x));
    }
}

// Matches at::Reduction: 0 none, 1 mean, 2 sum.
inline at::Tensor reduce(const at::Tensor& loss, int64_t reduction) {
    switch (reduction) {
        case 0: return loss;
        case 1: return loss.mean();
        case 2: return loss.sum();
        default: throw std::invalid_argument("unknown reduction " + std::to_string(reduction));
    }
}

}  // namespace mdsl::nn
