#include "mdsl.h"

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

MDSL_API TensorHandle mdsl_tensor_from_blob(const void* data, const int64_t* shape, int ndim, int dtype) {
    MDSL_TRY
    auto options = at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype));
    // Copy: the managed buffer may move or die after the call.
    return mdsl::wrap(at::from_blob(const_cast<void*>(data), at::IntArrayRef(shape, ndim), options).clone());
    MDSL_CATCH(nullptr)
}
