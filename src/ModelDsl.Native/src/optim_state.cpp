// Optimizer state allocation: zeros shaped like each parameter, created in one call.
#include "optim_common.h"

using mdsl::TensorHandle;

namespace {
void release(TensorHandle* out, int n) {
    for (int i = 0; i < n; ++i) {
        delete out[i];
        out[i] = nullptr;
    }
}
}  // namespace

MDSL_API int mdsl_optim_zeros_like(TensorHandle* params, int n, TensorHandle* out) {
    for (int i = 0; i < n; ++i) out[i] = nullptr;
    MDSL_TRY
    for (int i = 0; i < n; ++i) {
        out[i] = mdsl::wrap(at::zeros_like(mdsl::unwrap(params[i]), at::MemoryFormat::Preserve));
    }
    return 0;
    }
    catch (const c10::Error& e) { mdsl::set_error(e.what_without_backtrace()); }
    catch (const std::exception& e) { mdsl::set_error(e.what()); }
    catch (...) { mdsl::set_error("unknown native error"); }
    // Not MDSL_CATCH: the handles made before the failure must be released, not leaked.
    release(out, n);
    return -1;
}

// Clears the gradients of all parameters: drops them (set_to_none, PyTorch 2's default, frees memory)
// or zeroes them in place.
MDSL_API int mdsl_optim_zero_grad(TensorHandle* params, int n, int set_to_none) {
    MDSL_TRY
    for (int i = 0; i < n; ++i) {
        auto& p = mdsl::unwrap(params[i]);
        auto& grad = p.mutable_grad();
        if (!grad.defined()) continue;
        if (set_to_none) {
            grad.reset();
        } else {
            at::NoGradGuard no_grad;
            if (grad.grad_fn()) grad = grad.detach();
            grad.zero_();
        }
    }
    return 0;
    MDSL_CATCH(-1)
}
