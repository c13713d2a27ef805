// RMSprop as torch/optim/rmsprop.py (_single_tensor_rmsprop): eps is added outside the square root,
// which is also what Keras does, so Keras's defaults are reproduced by rho = 0.9, eps = 1e-7.
#include "optim_common.h"

using mdsl::TensorHandle;

// grad_avgs is used when centered, momentum_buffers when momentum > 0 (either may be null otherwise).
MDSL_API int mdsl_optim_rmsprop_step(TensorHandle* params, TensorHandle* square_avgs, TensorHandle* grad_avgs,
                                     TensorHandle* momentum_buffers, int64_t* steps, int n, double lr, double alpha,
                                     double eps, double weight_decay, double momentum, int centered, int maximize) {
    MDSL_TRY
    at::NoGradGuard no_grad;
    for (int i = 0; i < n; ++i) {
        auto& p = mdsl::unwrap(params[i]);
        if (!mdsl::optim::should_update(p)) continue;
        auto g = maximize ? -p.grad() : p.grad();
        if (weight_decay != 0) g = g.add(p, weight_decay);
        auto square_avg = mdsl::optim::state(square_avgs, i);
        square_avg.mul_(alpha).addcmul_(g, g, 1 - alpha);
        at::Tensor avg;
        if (centered) {
            auto grad_avg = mdsl::optim::state(grad_avgs, i);
            grad_avg.mul_(alpha).add_(g, 1 - alpha);
            avg = square_avg.addcmul(grad_avg, grad_avg, -1).sqrt_();
        } else {
            avg = square_avg.sqrt();
        }
        avg.add_(eps);
        if (momentum > 0) {
            auto buf = mdsl::optim::state(momentum_buffers, i);
            buf.mul_(momentum).addcdiv_(g, avg);
            p.add_(buf, -lr);
        } else {
            p.addcdiv_(g, avg, -lr);
        }
        ++steps[i];
    }
    return 0;
    MDSL_CATCH(-1)
}
