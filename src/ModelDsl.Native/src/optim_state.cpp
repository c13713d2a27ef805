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
    release(out, n);
    return -1;
}
