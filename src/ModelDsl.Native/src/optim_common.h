// The shape of every optimizer export: parallel arrays of parameter handles, state handles and
// per-parameter step counts, all updated in one call without autograd.
#pragma once
#include "nn_common.h"

namespace mdsl::optim {

// PyTorch skips a parameter without a gradient; ModelDsl also skips frozen ones (requires_grad
// false), so freezing after the optimizer was built takes effect at once.
inline bool should_update(const at::Tensor& p) { return p.requires_grad() && p.grad().defined(); }

inline at::Tensor state(TensorHandle* states, int i) {
    if (states == nullptr || states[i] == nullptr) throw std::invalid_argument("optimizer state tensor missing");
    return *states[i];
}

}  // namespace mdsl::optim
