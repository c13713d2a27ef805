// Adam and AdamW as torch/optim/adam.py / adamw.py (_single_tensor_*), for all parameters in one call.
#include "optim_fused.h"
#include <cmath>

using mdsl::TensorHandle;

// decoupled != 0 gives AdamW (decay applied to the parameter), otherwise Adam's L2 term on the gradient.
// max_exp_avg_sqs is used only with amsgrad.
MDSL_API int mdsl_optim_adam_step(TensorHandle* params, TensorHandle* exp_avgs, TensorHandle* exp_avg_sqs,
                                  TensorHandle* max_exp_avg_sqs, int64_t* steps, int n, double lr, double beta1,
                                  double beta2, double eps, double weight_decay, int amsgrad, int decoupled,
                                  int maximize) {
    MDSL_TRY
    at::NoGradGuard no_grad;
    for (int i = 0; i < n; ++i) {
        auto& p = mdsl::unwrap(params[i]);
        if (!mdsl::optim::should_update(p)) continue;
        const auto step = static_cast<double>(++steps[i]);
        {
            auto m = mdsl::optim::state(exp_avgs, i);
            auto v = mdsl::optim::state(exp_avg_sqs, i);
            auto vmax = amsgrad ? mdsl::optim::state(max_exp_avg_sqs, i) : at::Tensor();
            const auto& grad = p.grad();
            if (mdsl::optim::fusable(p, {grad, m, v, vmax})) {
                const mdsl::optim::AdamConfig config{
                    static_cast<float>(beta1), static_cast<float>(1 - beta1), static_cast<float>(beta2),
                    static_cast<float>(1 - beta2), static_cast<float>(eps), static_cast<float>(weight_decay),
                    static_cast<float>(1 - lr * weight_decay),
                    static_cast<float>(std::sqrt(1 - std::pow(beta2, step))),
                    static_cast<float>(-lr / (1 - std::pow(beta1, step))), amsgrad != 0, decoupled != 0, maximize != 0};
                mdsl::optim::adam_update(p.data_ptr<float>(), grad.data_ptr<float>(), m.data_ptr<float>(), v.data_ptr<float>(),
                                         amsgrad ? vmax.data_ptr<float>() : nullptr, p.numel(), config);
                continue;
            }
        }
        auto g = maximize ? -p.grad() : p.grad();
        if (decoupled) p.mul_(1 - lr * weight_decay);
        else if (weight_decay != 0) g = g.add(p, weight_decay);
        auto exp_avg = mdsl::optim::state(exp_avgs, i);
        auto exp_avg_sq = mdsl::optim::state(exp_avg_sqs, i);
        exp_avg.mul_(beta1).add_(g, 1 - beta1);
        exp_avg_sq.mul_(beta2).addcmul_(g, g, 1 - beta2);
        const double bias_correction1 = 1 - std::pow(beta1, step);
        const double bias_correction2_sqrt = std::sqrt(1 - std::pow(beta2, step));
        at::Tensor denom;
        if (amsgrad) {
            auto max_sq = mdsl::optim::state(max_exp_avg_sqs, i);
            at::maximum_out(max_sq, max_sq, exp_avg_sq);
            denom = (max_sq.sqrt() / bias_correction2_sqrt).add_(eps);
        } else {
            denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps);
        }
        p.addcdiv_(exp_avg, denom, -lr / bias_correction1);
    }
    return 0;
    MDSL_CATCH(-1)
}
