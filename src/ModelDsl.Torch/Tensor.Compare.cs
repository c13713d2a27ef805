using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

/// <remarks>Comparisons return bool tensors (broadcasting); <see cref="Equal"/> and <see cref="AllClose"/> compare whole tensors.</remarks>
public sealed partial class Tensor
{
    /// <summary>x == other, elementwise.</summary>
    public Tensor Eq(Tensor other) => Binary(this, other, BinaryOp.Eq, "eq");

    /// <summary>x == value, elementwise.</summary>
    public Tensor Eq(double value) => Scalar(value, BinaryOp.Eq, "eq");

    /// <summary>x != other, elementwise.</summary>
    public Tensor Ne(Tensor other) => Binary(this, other, BinaryOp.Ne, "ne");

    /// <summary>x != value, elementwise.</summary>
    public Tensor Ne(double value) => Scalar(value, BinaryOp.Ne, "ne");

    /// <summary>x &lt; other, elementwise.</summary>
    public Tensor Lt(Tensor other) => Binary(this, other, BinaryOp.Lt, "lt");

    /// <summary>x &lt; value, elementwise.</summary>
    public Tensor Lt(double value) => Scalar(value, BinaryOp.Lt, "lt");

    /// <summary>x &lt;= other, elementwise.</summary>
    public Tensor Le(Tensor other) => Binary(this, other, BinaryOp.Le, "le");

    /// <summary>x &lt;= value, elementwise.</summary>
    public Tensor Le(double value) => Scalar(value, BinaryOp.Le, "le");

    /// <summary>x &gt; other, elementwise.</summary>
    public Tensor Gt(Tensor other) => Binary(this, other, BinaryOp.Gt, "gt");

    /// <summary>x &gt; value, elementwise.</summary>
    public Tensor Gt(double value) => Scalar(value, BinaryOp.Gt, "gt");

    /// <summary>x &gt;= other, elementwise.</summary>
    public Tensor Ge(Tensor other) => Binary(this, other, BinaryOp.Ge, "ge");

    /// <summary>x &gt;= value, elementwise.</summary>
    public Tensor Ge(double value) => Scalar(value, BinaryOp.Ge, "ge");

    /// <summary>Logical and of two tensors (nonzero is true).</summary>
    public Tensor LogicalAnd(Tensor other) => Binary(this, other, BinaryOp.LogicalAnd, "logical_and");

    /// <summary>Logical or of two tensors (nonzero is true).</summary>
    public Tensor LogicalOr(Tensor other) => Binary(this, other, BinaryOp.LogicalOr, "logical_or");

    /// <summary>Whether both tensors have the same shape and the same values (PyTorch's <c>torch.equal</c>).</summary>
    public bool Equal(Tensor other)
    {
        var status = NativeMethods.mdsl_tensor_equal(Ptr, other.Ptr);
        InPlace(status, "equal", other);
        return status == 1;
    }

    /// <summary>Whether |x - other| &lt;= atol + rtol * |other| everywhere (broadcasting), as <c>torch.allclose</c>.</summary>
    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false)
    {
        var status = NativeMethods.mdsl_tensor_allclose(Ptr, other.Ptr, rtol, atol, equalNan ? 1 : 0);
        InPlace(status, "allclose", other);
        return status == 1;
    }
}
