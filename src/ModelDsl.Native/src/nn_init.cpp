// In-place initialisers for parameters. They run without autograd, as torch.nn.init does.
#include "nn_common.h"

using mdsl::TensorHandle;

MDSL_API int mdsl_init_uniform_(TensorHandle tensor, double low, double high) {
    MDSL_TRY
    at::NoGradGuard no_grad;
    mdsl::unwrap(tensor).uniform_(low, high);
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_init_normal_(TensorHandle tensor, double mean, double std) {
    MDSL_TRY
    at::NoGradGuard no_grad;
    mdsl::unwrap(tensor).normal_(mean, std);
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_init_fill_(TensorHandle tensor, double value) {
    MDSL_TRY
    at::NoGradGuard no_grad;
    mdsl::unwrap(tensor).fill_(value);
    return 0;
    MDSL_CATCH(-1)
}

// Module state: a fresh leaf tensor filled with value that requires grad when asked (parameters) or
// not (buffers such as running statistics). dtype uses c10::ScalarType numbering.
MDSL_API TensorHandle mdsl_nn_new_state(const int64_t* shape, int ndim, int dtype, double value, int requires_grad) {
    MDSL_TRY
    auto t = at::full(at::IntArrayRef(shape, ndim), value, at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)));
    t.set_requires_grad(requires_grad != 0);
    return mdsl::wrap(std::move(t));
    MDSL_CATCH(nullptr)
}

// Moves module state to a device (0 CPU, 1 CUDA) as a new leaf that keeps requires_grad.
MDSL_API TensorHandle mdsl_nn_state_to(TensorHandle tensor, int device_type, int device_index) {
    MDSL_TRY
    auto& t = mdsl::unwrap(tensor);
    const c10::Device device(static_cast<c10::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index));
    at::Tensor moved;
    {
        at::NoGradGuard no_grad;
        moved = t.to(device);
    }
    if (moved.is_same(t)) moved = t.detach();
    moved.set_requires_grad(t.requires_grad());
    return mdsl::wrap(std::move(moved));
    MDSL_CATCH(nullptr)
}
