namespace ModelDsl.Torch.Native;

/// <summary>Codes of the unary ops behind <c>mdsl_tensor_unary</c>; the order matches tensor_math.cpp.</summary>
internal enum UnaryOp
{
    Neg, Exp, Log, Sqrt, Abs, Sign, Floor, Ceil, Round, Reciprocal, Square, LogicalNot, Rsqrt, Log1p,
}

/// <summary>Codes of the binary ops behind <c>mdsl_tensor_binary*</c>; the order matches tensor_math.cpp.</summary>
/// <remarks>The R-variants swap operands, so <c>2 - t</c> is one call with the scalar second.</remarks>
internal enum BinaryOp
{
    Add, Sub, Mul, Div, Pow, Eq, Ne, Lt, Le, Gt, Ge, Maximum, Minimum, LogicalAnd, LogicalOr, RSub, RDiv,
}

/// <summary>Codes of the reductions behind <c>mdsl_tensor_reduce</c>; the order matches tensor_reduce.cpp.</summary>
internal enum ReduceOp
{
    Sum, Mean, Max, Min, Argmax, Argmin, Std, Var, Prod, All, Any,
}
