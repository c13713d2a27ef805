// Elementwise math, comparisons and matrix products. Ops of one family share an export and are
// picked by a code (numbered as the C# enums in Native/TensorOps.cs) to keep the ABI small.
#include "mdsl.h"

#include <cmath>

using mdsl::TensorHandle;

namespace {
enum Unary { Neg, Exp, Log, Sqrt, Abs, Sign, Floor, Ceil, Round, Reciprocal, Square, LogicalNot, Rsqrt, Log1p };
enum Binary { Add, Sub, Mul, Div, Pow, Eq, Ne, Lt, Le, Gt, Ge, Maximum, Minimum, LogicalAnd, LogicalOr, RSub, RDiv };

at::Tensor unary(const at::Tensor& x, int op) {
    switch (op) {
        case Neg: return x.neg();
        case Exp: return x.exp();
        case Log: return x.log();
        case Sqrt: return x.sqrt();
        case Abs: return x.abs();
        case Sign: return x.sign();
        case Floor: return x.floor();
        case Ceil: return x.ceil();
        case Round: return x.round();
        case Reciprocal: return x.reciprocal();
        case Square: return x.square();
        case LogicalNot: return x.logical_not();
        case Rsqrt: return x.rsqrt();
        case Log1p: return x.log1p();
        default: throw std::invalid_argument("unknown unary op code " + std::to_string(op));
    }
}

// b is a tensor or a wrapped scalar (which follows PyTorch's type promotion for Python numbers).
at::Tensor binary(const at::Tensor& a, const at::Tensor& b, int op) {
    switch (op) {
        case Add: return a.add(b);
        case Sub: return a.sub(b);
        case Mul: return a.mul(b);
        case Div: return a.div(b);
        case Pow: return a.pow(b);
        case Eq: return a.eq(b);
        case Ne: return a.ne(b);
        case Lt: return a.lt(b);
        case Le: return a.le(b);
        case Gt: return a.gt(b);
        case Ge: return a.ge(b);
        case Maximum: return at::maximum(a, b);
        case Minimum: return at::minimum(a, b);
        case LogicalAnd: return a.logical_and(b);
        case LogicalOr: return a.logical_or(b);
        case RSub: return b.sub(a);
        case RDiv: return b.div(a);
        default: throw std::invalid_argument("unknown binary op code " + std::to_string(op));
    }
}

// A 0-d tensor marked as a wrapped number, so `t * 2.0` keeps t's float32 as PyTorch does.
at::Tensor wrapped(const at::Scalar& s) {
    auto t = at::scalar_to_tensor(s);
    t.unsafeGetTensorImpl()->set_wrapped_number(true);
    return t;
}
}  // namespace

MDSL_API TensorHandle mdsl_tensor_unary(TensorHandle t, int op) {
    MDSL_TRY
    return mdsl::wrap(unary(mdsl::unwrap(t), op));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_binary(TensorHandle a, TensorHandle b, int op) {
    MDSL_TRY
    return mdsl::wrap(binary(mdsl::unwrap(a), mdsl::unwrap(b), op));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_binary_double(TensorHandle a, double b, int op) {
    MDSL_TRY
    return mdsl::wrap(binary(mdsl::unwrap(a), wrapped(at::Scalar(b)), op));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_binary_long(TensorHandle a, int64_t b, int op) {
    MDSL_TRY
    return mdsl::wrap(binary(mdsl::unwrap(a), wrapped(at::Scalar(b)), op));
    MDSL_CATCH(nullptr)
}

// NaN bounds mean "no bound on that side".
MDSL_API TensorHandle mdsl_tensor_clamp(TensorHandle t, double min, double max) {
    MDSL_TRY
    c10::optional<at::Scalar> lo = std::isnan(min) ? c10::nullopt : c10::optional<at::Scalar>(min);
    c10::optional<at::Scalar> hi = std::isnan(max) ? c10::nullopt : c10::optional<at::Scalar>(max);
    return mdsl::wrap(mdsl::unwrap(t).clamp(lo, hi));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_where(TensorHandle condition, TensorHandle a, TensorHandle b) {
    MDSL_TRY
    return mdsl::wrap(at::where(mdsl::unwrap(condition), mdsl::unwrap(a), mdsl::unwrap(b)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_matmul(TensorHandle a, TensorHandle b) {
    MDSL_TRY
    return mdsl::wrap(at::matmul(mdsl::unwrap(a), mdsl::unwrap(b)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_mm(TensorHandle a, TensorHandle b) {
    MDSL_TRY
    return mdsl::wrap(at::mm(mdsl::unwrap(a), mdsl::unwrap(b)));
    MDSL_CATCH(nullptr)
}

MDSL_API TensorHandle mdsl_tensor_bmm(TensorHandle a, TensorHandle b) {
    MDSL_TRY
    return mdsl::wrap(at::bmm(mdsl::unwrap(a), mdsl::unwrap(b)));
    MDSL_CATCH(nullptr)
}

// 1 when close, 0 when not, -1 on failure (e.g. shapes that do not broadcast).
MDSL_API int mdsl_tensor_allclose(TensorHandle a, TensorHandle b, double rtol, double atol, int equal_nan) {
    MDSL_TRY
    return at::allclose(mdsl::unwrap(a), mdsl::unwrap(b), rtol, atol, equal_nan != 0) ? 1 : 0;
    MDSL_CATCH(-1)
}

// 1 when same shape and values, else 0.
MDSL_API int mdsl_tensor_equal(TensorHandle a, TensorHandle b) {
    MDSL_TRY
    return at::equal(mdsl::unwrap(a), mdsl::unwrap(b)) ? 1 : 0;
    MDSL_CATCH(-1)
}
