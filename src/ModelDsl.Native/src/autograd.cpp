// Autograd: requires_grad flags, gradients, backward and the per-thread grad mode.
#include "mdsl.h"

#include <c10/core/GradMode.h>

using mdsl::TensorHandle;

MDSL_API int mdsl_tensor_requires_grad(TensorHandle t) {
    MDSL_TRY
    return mdsl::unwrap(t).requires_grad() ? 1 : 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_set_requires_grad(TensorHandle t, int value) {
    MDSL_TRY
    mdsl::unwrap(t).set_requires_grad(value != 0);
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_is_leaf(TensorHandle t) {
    MDSL_TRY
    return mdsl::unwrap(t).is_leaf() ? 1 : 0;
    MDSL_CATCH(-1)
}

// *out receives a new handle to the gradient, or nullptr when none has been computed.
MDSL_API int mdsl_tensor_grad(TensorHandle t, TensorHandle* out) {
    MDSL_TRY
    const auto& g = mdsl::unwrap(t).grad();
    *out = g.defined() ? mdsl::wrap(g) : nullptr;
    return 0;
    MDSL_CATCH(-1)
}

// Replaces the gradient; a null grad clears it (PyTorch's `p.grad = None`).
MDSL_API int mdsl_tensor_set_grad(TensorHandle t, TensorHandle grad) {
    MDSL_TRY
    auto& x = mdsl::unwrap(t);
    x.mutable_grad() = grad == nullptr ? at::Tensor() : mdsl::unwrap(grad);
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_retain_grad(TensorHandle t) {
    MDSL_TRY
    mdsl::unwrap(t).retain_grad();
    return 0;
    MDSL_CATCH(-1)
}

// gradient may be null (then t must hold one element, as in PyTorch).
MDSL_API int mdsl_tensor_backward(TensorHandle t, TensorHandle gradient, int retain_graph, int create_graph) {
    MDSL_TRY
    auto& x = mdsl::unwrap(t);
    at::Tensor g = gradient == nullptr ? at::Tensor() : mdsl::unwrap(gradient);
    x.backward(g, retain_graph != 0 ? c10::optional<bool>(true) : c10::optional<bool>(false), create_graph != 0);
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API TensorHandle mdsl_tensor_detach(TensorHandle t) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).detach());
    MDSL_CATCH(nullptr)
}

// Grad mode is thread-local in libtorch, as in PyTorch; these read and set the calling thread's.
MDSL_API int mdsl_grad_enabled() { return c10::GradMode::is_enabled() ? 1 : 0; }

MDSL_API void mdsl_set_grad_enabled(int enabled) { c10::GradMode::set_enabled(enabled != 0); }
