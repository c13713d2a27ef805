// In-place updates, the building blocks of parameter initialisation and optimizer steps.
// They run under no-grad semantics only if the caller opened a no-grad scope (as PyTorch).
#include "mdsl.h"

using mdsl::TensorHandle;

MDSL_API int mdsl_tensor_copy_(TensorHandle dst, TensorHandle src) {
    MDSL_TRY
    mdsl::unwrap(dst).copy_(mdsl::unwrap(src));
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_zero_(TensorHandle t) {
    MDSL_TRY
    mdsl::unwrap(t).zero_();
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_fill_(TensorHandle t, double value) {
    MDSL_TRY
    mdsl::unwrap(t).fill_(value);
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_mul_scalar_(TensorHandle t, double value) {
    MDSL_TRY
    mdsl::unwrap(t).mul_(value);
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_add_scalar_(TensorHandle t, double value) {
    MDSL_TRY
    mdsl::unwrap(t).add_(value);
    return 0;
    MDSL_CATCH(-1)
}

// t += alpha * other
MDSL_API int mdsl_tensor_add_(TensorHandle t, TensorHandle other, double alpha) {
    MDSL_TRY
    mdsl::unwrap(t).add_(mdsl::unwrap(other), alpha);
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_mul_(TensorHandle t, TensorHandle other) {
    MDSL_TRY
    mdsl::unwrap(t).mul_(mdsl::unwrap(other));
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_div_(TensorHandle t, TensorHandle other) {
    MDSL_TRY
    mdsl::unwrap(t).div_(mdsl::unwrap(other));
    return 0;
    MDSL_CATCH(-1)
}

// t += value * a * b
MDSL_API int mdsl_tensor_addcmul_(TensorHandle t, TensorHandle a, TensorHandle b, double value) {
    MDSL_TRY
    mdsl::unwrap(t).addcmul_(mdsl::unwrap(a), mdsl::unwrap(b), value);
    return 0;
    MDSL_CATCH(-1)
}

// t += value * a / b
MDSL_API int mdsl_tensor_addcdiv_(TensorHandle t, TensorHandle a, TensorHandle b, double value) {
    MDSL_TRY
    mdsl::unwrap(t).addcdiv_(mdsl::unwrap(a), mdsl::unwrap(b), value);
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_sqrt_(TensorHandle t) {
    MDSL_TRY
    mdsl::unwrap(t).sqrt_();
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_clamp_(TensorHandle t, double min, double max) {
    MDSL_TRY
    mdsl::unwrap(t).clamp_(min, max);
    return 0;
    MDSL_CATCH(-1)
}
