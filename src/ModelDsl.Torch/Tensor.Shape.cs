using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

/// <remarks>
/// Shape ops. Dimensions may be negative (counted from the end), and one size of a reshape may be -1
/// (inferred), as in PyTorch. Views share storage with this tensor. Sizes are taken as spans, so
/// <c>x.Reshape(-1, 4)</c> allocates no array.
/// </remarks>
public sealed partial class Tensor
{
    /// <summary>The same elements with a new shape (a view when possible, else a copy).</summary>
    public unsafe Tensor Reshape(params ReadOnlySpan<long> shape)
    {
        fixed (long* s = shape)
        {
            return ShapeResult(NativeMethods.mdsl_tensor_reshape(Ptr, s, shape.Length), "reshape", "to", shape);
        }
    }

    /// <summary>A view with a new shape; fails when the strides do not allow one (use <see cref="Reshape"/>).</summary>
    public unsafe Tensor View(params ReadOnlySpan<long> shape)
    {
        fixed (long* s = shape)
        {
            return ShapeResult(NativeMethods.mdsl_tensor_view(Ptr, s, shape.Length), "view", "to", shape);
        }
    }

    /// <summary>A view with the dimensions reordered: result dim i is this tensor's dim <c>order[i]</c>.</summary>
    public unsafe Tensor Permute(params ReadOnlySpan<long> order)
    {
        fixed (long* s = order)
        {
            return ShapeResult(NativeMethods.mdsl_tensor_permute(Ptr, s, order.Length), "permute", "with order", order);
        }
    }

    /// <summary>A view broadcasting size-1 dimensions to <paramref name="shape"/> (-1 keeps a size).</summary>
    public unsafe Tensor Expand(params ReadOnlySpan<long> shape)
    {
        fixed (long* s = shape)
        {
            return ShapeResult(NativeMethods.mdsl_tensor_expand(Ptr, s, shape.Length), "expand", "to", shape);
        }
    }

    /// <summary>A view with dimensions <paramref name="dim0"/> and <paramref name="dim1"/> swapped.</summary>
    public Tensor Transpose(long dim0, long dim1) => Result(NativeMethods.mdsl_tensor_transpose(Ptr, dim0, dim1), "transpose", this);

    /// <summary>The transpose of a matrix (2-D tensor).</summary>
    public Tensor T() => Transpose(0, 1);

    /// <summary>A view without the size-1 dimensions.</summary>
    public Tensor Squeeze() => Result(NativeMethods.mdsl_tensor_squeeze(Ptr), "squeeze", this);

    /// <summary>A view without dimension <paramref name="dim"/> if its size is 1 (else the same shape).</summary>
    public Tensor Squeeze(long dim) => Result(NativeMethods.mdsl_tensor_squeeze_dim(Ptr, dim), "squeeze", this);

    /// <summary>A view with a size-1 dimension inserted at <paramref name="dim"/>.</summary>
    public Tensor Unsqueeze(long dim) => Result(NativeMethods.mdsl_tensor_unsqueeze(Ptr, dim), "unsqueeze", this);

    /// <summary>Dimensions <paramref name="startDim"/> to <paramref name="endDim"/> (inclusive) merged into one.</summary>
    public Tensor Flatten(long startDim = 0, long endDim = -1) =>
        Result(NativeMethods.mdsl_tensor_flatten(Ptr, startDim, endDim), "flatten", this);

    /// <summary>
    /// A view of indices <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive) by
    /// <paramref name="step"/> along <paramref name="dim"/>, as <c>t[..., start:end:step]</c>; bounds are clipped.
    /// </summary>
    public Tensor Slice(long dim, long start, long end, long step = 1) =>
        Result(NativeMethods.mdsl_tensor_slice(Ptr, dim, start, end, step), "slice", this);

    /// <summary>A view of index <paramref name="index"/> along <paramref name="dim"/>, that dimension removed (<c>t[..., index]</c>).</summary>
    public Tensor Select(long dim, long index) => Result(NativeMethods.mdsl_tensor_select(Ptr, dim, index), "select", this);

    /// <summary>A view of <paramref name="length"/> indices from <paramref name="start"/> along <paramref name="dim"/>.</summary>
    public Tensor Narrow(long dim, long start, long length) =>
        Result(NativeMethods.mdsl_tensor_narrow(Ptr, dim, start, length), "narrow", this);

    /// <summary>The entries at the int64 <paramref name="index"/> positions along <paramref name="dim"/> (a copy).</summary>
    public Tensor IndexSelect(long dim, Tensor index) =>
        Result(NativeMethods.mdsl_tensor_index_select(Ptr, dim, index.Ptr), "index_select", this, index);

    /// <summary>Joins tensors along an existing dimension; the other dimensions must match.</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, "cat", cat: true);

    /// <summary>Joins same-shaped tensors along a new dimension.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, "stack", cat: false);

    private static unsafe Tensor Join(IReadOnlyList<Tensor> tensors, long dim, string op, bool cat)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        // A small list goes on the stack: cat of a few tensors is common inside models.
        Span<IntPtr> handles = tensors.Count <= 16 ? stackalloc IntPtr[tensors.Count] : new IntPtr[tensors.Count];
        for (var i = 0; i < handles.Length; i++) handles[i] = tensors[i].Ptr;
        IntPtr result;
        fixed (IntPtr* h = handles)
        {
            result = cat
                ? NativeMethods.mdsl_tensor_cat(h, handles.Length, dim)
                : NativeMethods.mdsl_tensor_stack(h, handles.Length, dim);
        }
        if (result == IntPtr.Zero)
        {
            var shapes = string.Join(", ", tensors.Select(t => ShapeText(t.CachedShape)));
            throw NativeError.Failure(op, $"shapes {shapes} along dim {dim}");
        }
        GC.KeepAlive(tensors);
        return new Tensor(result, op);
    }

    private Tensor ShapeResult(IntPtr native, string op, string preposition, ReadOnlySpan<long> target)
    {
        if (native == IntPtr.Zero)
        {
            throw NativeError.Failure(op, $"input of shape {ShapeText(CachedShape)} {preposition} {ShapeText(target)}");
        }
        return new Tensor(native, op);
    }
}
