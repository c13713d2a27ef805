using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

/// <remarks>
/// In-place updates (PyTorch's trailing underscore) return this tensor, for chaining. On a leaf that
/// requires gradients they must run inside a <see cref="NoGradScope"/>, as in PyTorch.
/// </remarks>
public sealed partial class Tensor
{
    /// <summary>Copies <paramref name="source"/>'s values into this tensor (broadcasting, converting the dtype).</summary>
    public Tensor CopyFrom(Tensor source) => InPlace(NativeMethods.mdsl_tensor_copy_(Ptr, source.Ptr), "copy_", source);

    /// <summary>Sets every element to zero.</summary>
    public Tensor Zero_() => InPlace(NativeMethods.mdsl_tensor_zero_(Ptr), "zero_");

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public Tensor Fill_(double value) => InPlace(NativeMethods.mdsl_tensor_fill_(Ptr, value), "fill_");

    /// <summary>Multiplies every element by <paramref name="value"/>.</summary>
    public Tensor MulScalar_(double value) => InPlace(NativeMethods.mdsl_tensor_mul_scalar_(Ptr, value), "mul_");

    /// <summary>Adds <paramref name="value"/> to every element.</summary>
    public Tensor AddScalar_(double value) => InPlace(NativeMethods.mdsl_tensor_add_scalar_(Ptr, value), "add_");

    /// <summary>this += <paramref name="alpha"/> * <paramref name="other"/> (broadcasting).</summary>
    public Tensor Add_(Tensor other, double alpha = 1) => InPlace(NativeMethods.mdsl_tensor_add_(Ptr, other.Ptr, alpha), "add_", other);

    /// <summary>this *= <paramref name="other"/> (broadcasting).</summary>
    public Tensor Mul_(Tensor other) => InPlace(NativeMethods.mdsl_tensor_mul_(Ptr, other.Ptr), "mul_", other);

    /// <summary>this /= <paramref name="other"/> (broadcasting).</summary>
    public Tensor Div_(Tensor other) => InPlace(NativeMethods.mdsl_tensor_div_(Ptr, other.Ptr), "div_", other);

    /// <summary>this += <paramref name="value"/> * <paramref name="a"/> * <paramref name="b"/> (Adam's second moment).</summary>
    public Tensor Addcmul_(Tensor a, Tensor b, double value = 1)
    {
        InPlace(NativeMethods.mdsl_tensor_addcmul_(Ptr, a.Ptr, b.Ptr, value), "addcmul_", a);
        GC.KeepAlive(b);
        return this;
    }

    /// <summary>this += <paramref name="value"/> * <paramref name="a"/> / <paramref name="b"/> (Adam's and RMSprop's update).</summary>
    public Tensor Addcdiv_(Tensor a, Tensor b, double value = 1)
    {
        InPlace(NativeMethods.mdsl_tensor_addcdiv_(Ptr, a.Ptr, b.Ptr, value), "addcdiv_", a);
        GC.KeepAlive(b);
        return this;
    }

    /// <summary>Replaces every element by its square root.</summary>
    public Tensor Sqrt_() => InPlace(NativeMethods.mdsl_tensor_sqrt_(Ptr), "sqrt_");

    /// <summary>Clamps every element into [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public Tensor Clamp_(double min, double max) => InPlace(NativeMethods.mdsl_tensor_clamp_(Ptr, min, max), "clamp_");
}
