// SGD as torch/optim/sgd.py (_single_tensor_sgd), for all parameters in one call.
#include "optim_common.h"

using mdsl::TensorHandle;

// momentum_buffers may be null when momentum == 0. steps[i] counts updates of parameter i; the
// first update copies the gradient into the buffer, as PyTorch's lazily created buffer does.
MDSL_API int mdsl_optim_sgd_step(TensorHandle* params, TensorHandle* momentum_buffers, int64_t* steps, int n,
                                 double lr, double momentum, double dampening, int nesterov, double weight_decay,
                                 int maximize) {
    MDSL_TRY
    at::NoGradGuard no_grad;
    for (int i = 0; i < n; ++i) {
        auto& p = mdsl::unwrap(params[i]);
        if (!mdsl::optim::should_update(p)) continue;
        auto g = maximize ? -p.grad() : p.grad();
        if (weight_decay != 0) g = g.add(p, weight_decay);
        if (momentum != 0) {
            auto buf = mdsl::optim::state(momentum_buffers, i);
            if (steps[i] == 0) buf.copy_(g);
            else buf.mul_(momentum).add_(g, 1 - dampening);
            g = nesterov ? g.add(buf, momentum) : buf;
        }
        p.add_(g, -lr);
        ++steps[i];
    }
    return 0;
    MDSL_CATCH(-1)
}
