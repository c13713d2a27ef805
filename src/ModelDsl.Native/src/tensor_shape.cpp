// Shape and indexing ops: views where libtorch makes views, copies otherwise (as PyTorch).
#include "mdsl.h"

#include <vector>

using mdsl::TensorHandle;

namespace {
at::IntArrayRef dims(const int64_t* d, int n) { return at::IntArrayRef(d, static_cast<size_t>(n)); }

std::vector<at::Tensor> gather(const TensorHandle* handles, int count) {
    std::vector<at::Tensor> list;
    list.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) list.push_back(mdsl::unwrap(handles[i]));
    return list;
}
}  // namespace

MDSL_API TensorHandle mdsl_tensor_reshape(TensorHandle t, const int64_t* shape, int ndim) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).reshape(dims(shape, ndim)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_view(TensorHandle t, const int64_t* shape, int ndim) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).view(dims(shape, ndim)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_permute(TensorHandle t, const int64_t* order, int ndim) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).permute(dims(order, ndim)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_expand(TensorHandle t, const int64_t* shape, int ndim) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).expand(dims(shape, ndim)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_transpose(TensorHandle t, int64_t dim0, int64_t dim1) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).transpose(dim0, dim1));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_squeeze(TensorHandle t) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).squeeze());
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_squeeze_dim(TensorHandle t, int64_t dim) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).squeeze(dim));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_unsqueeze(TensorHandle t, int64_t dim) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).unsqueeze(dim));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_flatten(TensorHandle t, int64_t start_dim, int64_t end_dim) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).flatten(start_dim, end_dim));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_slice(TensorHandle t, int64_t dim, int64_t start, int64_t end, int64_t step) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).slice(dim, start, end, step));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_select(TensorHandle t, int64_t dim, int64_t index) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).select(dim, index));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_narrow(TensorHandle t, int64_t dim, int64_t start, int64_t length) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).narrow(dim, start, length));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_index_select(TensorHandle t, int64_t dim, TensorHandle index) {
    MDSL_TRY
    return mdsl::wrap(mdsl::unwrap(t).index_select(dim, mdsl::unwrap(index)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_cat(const TensorHandle* tensors, int count, int64_t dim) {
    MDSL_TRY
    return mdsl::wrap(at::cat(gather(tensors, count), dim));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_stack(const TensorHandle* tensors, int count, int64_t dim) {
    MDSL_TRY
    return mdsl::wrap(at::stack(gather(tensors, count), dim));
    MDSL_CATCH(nullptr)
}
