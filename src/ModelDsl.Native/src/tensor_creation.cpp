// Factory functions. Shapes arrive as (pointer, count); dtype as c10::ScalarType's number.
#include "mdsl.h"

using mdsl::TensorHandle;

namespace {
at::TensorOptions opts(int dtype) { return at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)); }
at::IntArrayRef dims(const int64_t* shape, int ndim) { return at::IntArrayRef(shape, static_cast<size_t>(ndim)); }
}  // namespace

MDSL_API TensorHandle mdsl_tensor_zeros(const int64_t* shape, int ndim, int dtype) {
    MDSL_TRY
    return mdsl::wrap(at::zeros(dims(shape, ndim), opts(dtype)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_ones(const int64_t* shape, int ndim, int dtype) {
    MDSL_TRY
    return mdsl::wrap(at::ones(dims(shape, ndim), opts(dtype)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_empty(const int64_t* shape, int ndim, int dtype) {
    MDSL_TRY
    return mdsl::wrap(at::empty(dims(shape, ndim), opts(dtype)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_full(const int64_t* shape, int ndim, double value, int dtype) {
    MDSL_TRY
    return mdsl::wrap(at::full(dims(shape, ndim), value, opts(dtype)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_rand(const int64_t* shape, int ndim, int dtype) {
    MDSL_TRY
    return mdsl::wrap(at::rand(dims(shape, ndim), opts(dtype)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_randn(const int64_t* shape, int ndim, int dtype) {
    MDSL_TRY
    return mdsl::wrap(at::randn(dims(shape, ndim), opts(dtype)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, int dtype) {
    MDSL_TRY
    return mdsl::wrap(at::randint(low, high, dims(shape, ndim), opts(dtype)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_arange(double start, double end, double step, int dtype) {
    MDSL_TRY
    return mdsl::wrap(at::arange(start, end, step, opts(dtype)));
    MDSL_CATCH(nullptr)
}
