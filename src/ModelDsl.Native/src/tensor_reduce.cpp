// Reductions over all elements (ndims == 0) or over the given dims. Ops picked by a code
// numbered as the C# enum in Native/TensorOps.cs.
#include "mdsl.h"

using mdsl::TensorHandle;

namespace {
enum Reduce { Sum, Mean, Max, Min, Argmax, Argmin, Std, Var, Prod, All, Any };

int64_t single_dim(const char* op, at::IntArrayRef d) {
    if (d.size() != 1) throw std::invalid_argument(std::string(op) + " reduces over exactly one dimension");
    return d[0];
}
}  // namespace

MDSL_API TensorHandle mdsl_tensor_reduce(TensorHandle t, int op, const int64_t* dims, int ndims, int keepdim, int unbiased) {
    MDSL_TRY
    const auto& x = mdsl::unwrap(t);
    const bool all = ndims == 0;
    const bool keep = keepdim != 0;
    at::IntArrayRef d(dims, static_cast<size_t>(ndims));
    switch (op) {
        case Sum: return mdsl::wrap(all ? x.sum() : x.sum(d, keep));
        case Mean: return mdsl::wrap(all ? x.mean() : x.mean(d, keep));
        case Max: return mdsl::wrap(all ? x.max() : x.amax(d, keep));
        case Min: return mdsl::wrap(all ? x.min() : x.amin(d, keep));
        case Argmax: return mdsl::wrap(all ? x.argmax() : x.argmax(single_dim("argmax", d), keep));
        case Argmin: return mdsl::wrap(all ? x.argmin() : x.argmin(single_dim("argmin", d), keep));
        case Std: return mdsl::wrap(all ? x.std(unbiased != 0) : x.std(d, unbiased != 0, keep));
        case Var: return mdsl::wrap(all ? x.var(unbiased != 0) : x.var(d, unbiased != 0, keep));
        case Prod: return mdsl::wrap(all ? x.prod() : x.prod(single_dim("prod", d), keep));
        case All: return mdsl::wrap(all ? x.all() : x.all(single_dim("all", d), keep));
        case Any: return mdsl::wrap(all ? x.any() : x.any(single_dim("any", d), keep));
        default: throw std::invalid_argument("unknown reduction code " + std::to_string(op));
    }
    MDSL_CATCH(nullptr)
}
