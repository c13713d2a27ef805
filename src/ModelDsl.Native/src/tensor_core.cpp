// Tensor lifetime, metadata and data exchange with managed buffers.
#include "mdsl.h"

#include <cstring>

using mdsl::TensorHandle;

MDSL_API void mdsl_tensor_free(TensorHandle t) { delete t; }

MDSL_API int mdsl_tensor_ndim(TensorHandle t) {
    MDSL_TRY
    return static_cast<int>(mdsl::unwrap(t).dim());
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_shape(TensorHandle t, int64_t* out, int capacity) {
    MDSL_TRY
    auto& x = mdsl::unwrap(t);
    if (capacity < x.dim()) throw std::invalid_argument("shape buffer too small");
    for (int64_t i = 0; i < x.dim(); ++i) out[i] = x.size(i);
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_dtype(TensorHandle t) {
    MDSL_TRY
    return static_cast<int>(mdsl::unwrap(t).scalar_type());
    MDSL_CATCH(-1)
}

MDSL_API int64_t mdsl_tensor_numel(TensorHandle t) {
    MDSL_TRY
    return mdsl::unwrap(t).numel();
    MDSL_CATCH(-1)
}

MDSL_API int mdsl_tensor_is_contiguous(TensorHandle t) {
    MDSL_TRY
    return mdsl::unwrap(t).is_contiguous() ? 1 : 0;
    MDSL_CATCH(-1)
}

MDSL_API TensorHandle mdsl_tensor_from_blob(const void* data, const int64_t* shape, int ndim, int dtype) {
    MDSL_TRY
    auto options = at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype));
    // Copy: the managed buffer may move or die after the call.
    return mdsl::wrap(at::from_blob(const_cast<void*>(data), at::IntArrayRef(shape, ndim), options).clone());
    MDSL_CATCH(nullptr)
}

// Copies the elements (row-major, on the CPU) into a managed buffer of exactly nbytes.
MDSL_API int mdsl_tensor_copy_to(TensorHandle t, void* out, int64_t nbytes) {
    MDSL_TRY
    auto x = mdsl::unwrap(t).detach().to(at::kCPU).contiguous();
    const int64_t need = x.numel() * static_cast<int64_t>(x.element_size());
    if (need != nbytes) {
        throw std::invalid_argument("buffer of " + std::to_string(nbytes) + " bytes for a tensor of " +
                                    std::to_string(need) + " bytes");
    }
    if (need > 0) std::memcpy(out, x.data_ptr(), static_cast<size_t>(need));
    return 0;
    MDSL_CATCH(-1)
}

// The single element of a one-element tensor, as a double (exact for every integer a float64 holds).
MDSL_API int mdsl_tensor_item_double(TensorHandle t, double* out) {
    MDSL_TRY
    *out = mdsl::unwrap(t).item<double>();
    return 0;
    MDSL_CATCH(-1)
}

MDSL_API TensorHandle mdsl_tensor_clone(TensorHandle t) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).clone());
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_to_dtype(TensorHandle t, int dtype) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).to(static_cast<at::ScalarType>(dtype)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_contiguous(TensorHandle t) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).contiguous());
    MDSL_CATCH(nullptr)
}

// format: 0 row-major, 1 channels-last (NHWC order in memory for a logically NCHW 4-D tensor).
static at::MemoryFormat memory_format_of(int format) {
    switch (format) {
        case 0: return at::MemoryFormat::Contiguous;
        case 1: return at::MemoryFormat::ChannelsLast;
        default: throw std::invalid_argument("unknown memory format " + std::to_string(format));
    }
}

MDSL_API TensorHandle mdsl_tensor_contiguous_format(TensorHandle t, int format) {
    MDSL_TRY
    auto& x = mdsl::unwrap(t);
    const auto f = memory_format_of(format);
    if (f == at::MemoryFormat::ChannelsLast && x.dim() != 4) {
        throw std::invalid_argument("channels-last needs a 4-D tensor [N, C, H, W] but got " + std::to_string(x.dim()) + " dimensions");
    }
    return mdsl::wrap(x.contiguous(f));
    MDSL_CATCH(nullptr)
}

MDSL_API int mdsl_tensor_is_contiguous_format(TensorHandle t, int format) {
    MDSL_TRY
    return mdsl::unwrap(t).is_contiguous(memory_format_of(format)) ? 1 : 0;
    MDSL_CATCH(-1)
}

// A new handle to the same tensor (shares storage and autograd identity).
MDSL_API TensorHandle mdsl_tensor_alias(TensorHandle t) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t));
    MDSL_CATCH(nullptr)
}
