using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

/// <remarks>
/// Arithmetic operators. Each result is a new tensor tracked by the current <see cref="DisposeScope"/>,
/// so intermediate results of an expression are released with the scope. A scalar follows PyTorch's
/// promotion for Python numbers: <c>t * 2.0</c> keeps float32, an integer tensor plus 0.5 becomes float,
/// and an integer scalar (long) keeps an integer tensor's dtype.
/// </remarks>
public sealed partial class Tensor
{
    /// <summary>Elementwise sum (broadcasting).</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Binary(a, b, BinaryOp.Add, "add");

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(Tensor a, double b) => a.Scalar(b, BinaryOp.Add, "add");

    /// <summary>Adds a scalar.</summary>
    public static Tensor operator +(double a, Tensor b) => b.Scalar(a, BinaryOp.Add, "add");

    /// <summary>Adds an integer scalar.</summary>
    public static Tensor operator +(Tensor a, long b) => a.Scalar(b, BinaryOp.Add, "add");

    /// <summary>Adds an integer scalar.</summary>
    public static Tensor operator +(long a, Tensor b) => b.Scalar(a, BinaryOp.Add, "add");

    /// <summary>Elementwise difference (broadcasting).</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Binary(a, b, BinaryOp.Sub, "sub");

    /// <summary>Subtracts a scalar.</summary>
    public static Tensor operator -(Tensor a, double b) => a.Scalar(b, BinaryOp.Sub, "sub");

    /// <summary>A scalar minus each element.</summary>
    public static Tensor operator -(double a, Tensor b) => b.Scalar(a, BinaryOp.RSub, "sub");

    /// <summary>Subtracts an integer scalar.</summary>
    public static Tensor operator -(Tensor a, long b) => a.Scalar(b, BinaryOp.Sub, "sub");

    /// <summary>An integer scalar minus each element.</summary>
    public static Tensor operator -(long a, Tensor b) => b.Scalar(a, BinaryOp.RSub, "sub");

    /// <summary>Elementwise product (broadcasting).</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Binary(a, b, BinaryOp.Mul, "mul");

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(Tensor a, double b) => a.Scalar(b, BinaryOp.Mul, "mul");

    /// <summary>Multiplies by a scalar.</summary>
    public static Tensor operator *(double a, Tensor b) => b.Scalar(a, BinaryOp.Mul, "mul");

    /// <summary>Multiplies by an integer scalar.</summary>
    public static Tensor operator *(Tensor a, long b) => a.Scalar(b, BinaryOp.Mul, "mul");

    /// <summary>Multiplies by an integer scalar.</summary>
    public static Tensor operator *(long a, Tensor b) => b.Scalar(a, BinaryOp.Mul, "mul");

    /// <summary>Elementwise true division (broadcasting; integer tensors give float).</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Binary(a, b, BinaryOp.Div, "div");

    /// <summary>Divides by a scalar.</summary>
    public static Tensor operator /(Tensor a, double b) => a.Scalar(b, BinaryOp.Div, "div");

    /// <summary>A scalar divided by each element.</summary>
    public static Tensor operator /(double a, Tensor b) => b.Scalar(a, BinaryOp.RDiv, "div");

    /// <summary>Divides by an integer scalar.</summary>
    public static Tensor operator /(Tensor a, long b) => a.Scalar(b, BinaryOp.Div, "div");

    /// <summary>An integer scalar divided by each element.</summary>
    public static Tensor operator /(long a, Tensor b) => b.Scalar(a, BinaryOp.RDiv, "div");

    /// <summary>Negation.</summary>
    public static Tensor operator -(Tensor a) => a.Neg();
}
