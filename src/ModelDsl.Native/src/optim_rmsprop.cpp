// RMSprop as torch/optim/rmsprop.py (_single_tensor_rmsprop): eps is added outside the square root,
// which is also what Keras does, so Keras's defaults are reproduced by rho = 0.9, eps = 1e-7.
#include "optim_fused.h"

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
        {
            auto square_avg = mdsl::optim::state(square_avgs, i);
            auto grad_avg = centered ? mdsl::optim::state(grad_avgs, i) : at::Tensor();
            auto buf = momentum > 0 ? mdsl::optim::state(momentum_buffers, i) : at::Tensor();
            const auto& grad = p.grad();
            if (mdsl::optim::fusable(p, {grad, square_avg, grad_avg, buf})) {
                const mdsl::optim::RmsPropConfig config{
                    static_cast<float>(lr), static_cast<float>(alpha), static_cast<float>(1 - alpha),
                    static_cast<float>(eps), static_cast<float>(weight_decay), static_cast<float>(momentum),
                    centered != 0, maximize != 0};
                mdsl::optim::rmsprop_update(p.data_ptr<float>(), grad.data_ptr<float>(), square_avg.data_ptr<float>(),
                                            centered ? grad_avg.data_ptr<float>() : nullptr,
                                            momentum > 0 ? buf.data_ptr<float>() : nullptr, p.numel(), config);
                ++steps[i];
                continue;
            }
        }
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
