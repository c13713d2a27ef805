using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

/// <remarks>
/// Reductions over all elements (a 0-d result) or over given dimensions, optionally keeping them as
/// size 1. <c>Max</c>/<c>Min</c> over dimensions return values only; <c>Argmax</c>/<c>Argmin</c> the int64 indices.
/// </remarks>
public sealed partial class Tensor
{
    /// <summary>Sum of all elements.</summary>
    public Tensor Sum() => Reduce(ReduceOp.Sum, "sum", [], false);

    /// <summary>Sum over <paramref name="dim"/>.</summary>
    public Tensor Sum(long dim, bool keepDim = false) => Reduce(ReduceOp.Sum, "sum", [dim], keepDim);

    /// <summary>Sum over several dimensions.</summary>
    public Tensor Sum(long[] dims, bool keepDim = false) => Reduce(ReduceOp.Sum, "sum", RequireDims(dims), keepDim);

    /// <summary>Mean of all elements.</summary>
    public Tensor Mean() => Reduce(ReduceOp.Mean, "mean", [], false);

    /// <summary>Mean over <paramref name="dim"/>.</summary>
    public Tensor Mean(long dim, bool keepDim = false) => Reduce(ReduceOp.Mean, "mean", [dim], keepDim);

    /// <summary>Mean over several dimensions.</summary>
    public Tensor Mean(long[] dims, bool keepDim = false) => Reduce(ReduceOp.Mean, "mean", RequireDims(dims), keepDim);

    /// <summary>Largest element.</summary>
    public Tensor Max() => Reduce(ReduceOp.Max, "max", [], false);

    /// <summary>Largest values over <paramref name="dim"/>.</summary>
    public Tensor Max(long dim, bool keepDim = false) => Reduce(ReduceOp.Max, "max", [dim], keepDim);

    /// <summary>Smallest element.</summary>
    public Tensor Min() => Reduce(ReduceOp.Min, "min", [], false);

    /// <summary>Smallest values over <paramref name="dim"/>.</summary>
    public Tensor Min(long dim, bool keepDim = false) => Reduce(ReduceOp.Min, "min", [dim], keepDim);

    /// <summary>Index of the largest element of the flattened tensor.</summary>
    public Tensor Argmax() => Reduce(ReduceOp.Argmax, "argmax", [], false);

    /// <summary>Indices of the largest values over <paramref name="dim"/> (e.g. predicted classes).</summary>
    public Tensor Argmax(long dim, bool keepDim = false) => Reduce(ReduceOp.Argmax, "argmax", [dim], keepDim);

    /// <summary>Index of the smallest element of the flattened tensor.</summary>
    public Tensor Argmin() => Reduce(ReduceOp.Argmin, "argmin", [], false);

    /// <summary>Indices of the smallest values over <paramref name="dim"/>.</summary>
    public Tensor Argmin(long dim, bool keepDim = false) => Reduce(ReduceOp.Argmin, "argmin", [dim], keepDim);

    /// <summary>Standard deviation of all elements (Bessel-corrected unless <paramref name="unbiased"/> is false).</summary>
    public Tensor Std(bool unbiased = true) => Reduce(ReduceOp.Std, "std", [], false, unbiased);

    /// <summary>Standard deviation over <paramref name="dim"/>.</summary>
    public Tensor Std(long dim, bool unbiased = true, bool keepDim = false) => Reduce(ReduceOp.Std, "std", [dim], keepDim, unbiased);

    /// <summary>Variance of all elements (Bessel-corrected unless <paramref name="unbiased"/> is false).</summary>
    public Tensor Var(bool unbiased = true) => Reduce(ReduceOp.Var, "var", [], false, unbiased);

    /// <summary>Variance over <paramref name="dim"/>.</summary>
    public Tensor Var(long dim, bool unbiased = true, bool keepDim = false) => Reduce(ReduceOp.Var, "var", [dim], keepDim, unbiased);

    /// <summary>Product of all elements.</summary>
    public Tensor Prod() => Reduce(ReduceOp.Prod, "prod", [], false);

    /// <summary>Whether every element is nonzero (a bool tensor).</summary>
    public Tensor All() => Reduce(ReduceOp.All, "all", [], false);

    /// <summary>Whether any element is nonzero (a bool tensor).</summary>
    public Tensor Any() => Reduce(ReduceOp.Any, "any", [], false);

    private unsafe Tensor Reduce(ReduceOp op, string name, ReadOnlySpan<long> dims, bool keepDim, bool unbiased = true)
    {
        fixed (long* d = dims)
        {
            var result = NativeMethods.mdsl_tensor_reduce(Ptr, op, d, dims.Length, keepDim ? 1 : 0, unbiased ? 1 : 0);
            if (result == IntPtr.Zero)
            {
                var over = dims.IsEmpty ? "" : $" over dims {ShapeText(dims)}";
                throw NativeError.Failure(name, $"input of shape {ShapeText(CachedShape)}{over}");
            }
            return new Tensor(result, name);
        }
    }

    private static long[] RequireDims(long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Length == 0) throw new ArgumentException("Give at least one dimension, or call the overload without dims to reduce all.", nameof(dims));
        return dims;
    }
}
