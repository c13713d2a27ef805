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

// Moves module state to a device (c10::DeviceType numbering: 0 CPU, 1 CUDA) in place: the handle now
// refers to the moved tensor, so every holder of the handle (layer fields, optimizers) follows.
MDSL_API int mdsl_nn_state_to_(TensorHandle tensor, int device_type, int device_index) {
    MDSL_TRY
    auto& t = mdsl::unwrap(tensor);
    const c10::Device device(static_cast<c10::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index));
    if (t.device() == device) return 0;
    const bool requires_grad = t.requires_grad();
    at::Tensor moved;
    {
        at::NoGradGuard no_grad;
        moved = t.to(device);
    }
    moved.set_requires_grad(requires_grad);
    t = std::move(moved);
    return 0;
    MDSL_CATCH(-1)
}

// Copies a loaded value into module state in place (so optimizers holding the tensor see it),
// converting dtype; the shapes must already match.
MDSL_API int mdsl_nn_load_state_(TensorHandle destination, TensorHandle source) {
    MDSL_TRY
    auto& dst = mdsl::unwrap(destination);
    auto& src = mdsl::unwrap(source);
    if (dst.sizes() != src.sizes()) {
        throw std::invalid_argument("load_state: source " + mdsl::nn::shape_str(src) + " does not match " +
                                    mdsl::nn::shape_str(dst));
    }
    at::NoGradGuard no_grad;
    dst.copy_(src);
    return 0;
    MDSL_CATCH(-1)
}
