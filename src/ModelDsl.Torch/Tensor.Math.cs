using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

/// <remarks>Elementwise math; binary ops broadcast as in PyTorch. See also the operators in Tensor.Operators.cs.</remarks>
public sealed partial class Tensor
{
    /// <summary>-x.</summary>
    public Tensor Neg() => Unary(UnaryOp.Neg, "neg");

    /// <summary>e^x.</summary>
    public Tensor Exp() => Unary(UnaryOp.Exp, "exp");

    /// <summary>Natural logarithm.</summary>
    public Tensor Log() => Unary(UnaryOp.Log, "log");

    /// <summary>log(1 + x), accurate for small x.</summary>
    public Tensor Log1p() => Unary(UnaryOp.Log1p, "log1p");

    /// <summary>Square root.</summary>
    public Tensor Sqrt() => Unary(UnaryOp.Sqrt, "sqrt");

    /// <summary>1 / sqrt(x).</summary>
    public Tensor Rsqrt() => Unary(UnaryOp.Rsqrt, "rsqrt");

    /// <summary>|x|.</summary>
    public Tensor Abs() => Unary(UnaryOp.Abs, "abs");

    /// <summary>-1, 0 or 1 by the sign of x.</summary>
    public Tensor Sign() => Unary(UnaryOp.Sign, "sign");

    /// <summary>Rounds down.</summary>
    public Tensor Floor() => Unary(UnaryOp.Floor, "floor");

    /// <summary>Rounds up.</summary>
    public Tensor Ceil() => Unary(UnaryOp.Ceil, "ceil");

    /// <summary>Rounds half to even.</summary>
    public Tensor Round() => Unary(UnaryOp.Round, "round");

    /// <summary>1 / x.</summary>
    public Tensor Reciprocal() => Unary(UnaryOp.Reciprocal, "reciprocal");

    /// <summary>x².</summary>
    public Tensor Square() => Unary(UnaryOp.Square, "square");

    /// <summary>Logical not (a bool tensor).</summary>
    public Tensor LogicalNot() => Unary(UnaryOp.LogicalNot, "logical_not");

    /// <summary>x^<paramref name="exponent"/>.</summary>
    public Tensor Pow(double exponent) => Scalar(exponent, BinaryOp.Pow, "pow");

    /// <summary>x^<paramref name="exponent"/>, elementwise.</summary>
    public Tensor Pow(Tensor exponent) => Binary(this, exponent, BinaryOp.Pow, "pow");

    /// <summary>The larger of x and <paramref name="other"/>, elementwise.</summary>
    public Tensor Maximum(Tensor other) => Binary(this, other, BinaryOp.Maximum, "maximum");

    /// <summary>The smaller of x and <paramref name="other"/>, elementwise.</summary>
    public Tensor Minimum(Tensor other) => Binary(this, other, BinaryOp.Minimum, "minimum");

    /// <summary>Each element clamped into [<paramref name="min"/>, <paramref name="max"/>]; a null bound is open.</summary>
    public Tensor Clamp(double? min = null, double? max = null)
    {
        if (min is null && max is null) throw new ArgumentException("Clamp needs at least one of min and max.");
        return Result(NativeMethods.mdsl_tensor_clamp(Ptr, min ?? double.NaN, max ?? double.NaN), "clamp", this);
    }

    /// <summary>Elements of <paramref name="a"/> where <paramref name="condition"/> holds, else of <paramref name="b"/> (broadcasting).</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b)
    {
        var result = NativeMethods.mdsl_tensor_where(condition.Ptr, a.Ptr, b.Ptr);
        if (result == IntPtr.Zero)
        {
            throw NativeError.Failure("where",
                $"condition {ShapeText(condition.CachedShape)}, shapes {ShapeText(a.CachedShape)} and {ShapeText(b.CachedShape)}");
        }
        GC.KeepAlive(condition);
        GC.KeepAlive(a);
        GC.KeepAlive(b);
        return new Tensor(result, "where");
    }

    /// <summary>Matrix product with PyTorch's <c>matmul</c> rules (vectors, matrices, broadcast batches).</summary>
    public Tensor Matmul(Tensor other) => Result(NativeMethods.mdsl_tensor_matmul(Ptr, other.Ptr), "matmul", this, other);

    /// <summary>Product of two matrices (2-D only).</summary>
    public Tensor Mm(Tensor other) => Result(NativeMethods.mdsl_tensor_mm(Ptr, other.Ptr), "mm", this, other);

    /// <summary>Batched product of two 3-D tensors [b, n, m] x [b, m, p].</summary>
    public Tensor Bmm(Tensor other) => Result(NativeMethods.mdsl_tensor_bmm(Ptr, other.Ptr), "bmm", this, other);

    private Tensor Unary(UnaryOp op, string name) => Result(NativeMethods.mdsl_tensor_unary(Ptr, op), name, this);

    private Tensor Scalar(double value, BinaryOp op, string name) =>
        Result(NativeMethods.mdsl_tensor_binary_double(Ptr, value, op), name, this);

    private Tensor Scalar(long value, BinaryOp op, string name) =>
        Result(NativeMethods.mdsl_tensor_binary_long(Ptr, value, op), name, this);

    private static Tensor Binary(Tensor a, Tensor b, BinaryOp op, string name) =>
        Result(NativeMethods.mdsl_tensor_binary(a.Ptr, b.Ptr, op), name, a, b);
}
