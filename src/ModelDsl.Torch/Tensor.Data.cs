using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

public sealed partial class Tensor
{
    /// <summary>Copies the elements (row-major) into a new array; <typeparamref name="T"/> must match <see cref="DType"/>.</summary>
    /// <exception cref="InvalidOperationException">The dtype does not hold <typeparamref name="T"/> values.</exception>
    public T[] ToArray<T>() where T : unmanaged
    {
        RequireElementType<T>("ToArray");
        var result = new T[checked((int)Numel)];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies the elements (row-major) into <paramref name="destination"/>, whose length must equal <see cref="Numel"/>.</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        RequireElementType<T>("CopyTo");
        if (destination.Length != Numel)
        {
            throw new ArgumentException($"A tensor of shape {ShapeText(CachedShape)} has {Numel} elements; the destination holds {destination.Length}.", nameof(destination));
        }
        fixed (T* d = destination)
        {
            InPlace(NativeMethods.mdsl_tensor_copy_to(Ptr, d, (long)destination.Length * sizeof(T)), "copy_to");
        }
    }

    /// <summary>The elements as float32 values, converting from any dtype.</summary>
    public float[] ToFloatArray()
    {
        if (DType == DType.Float32) return ToArray<float>();
        using var converted = To(DType.Float32).DetachFromScope();
        return converted.ToArray<float>();
    }

    /// <summary>The raw element bytes, row-major, little-endian (the inverse of <see cref="FromBytes"/>).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[checked((int)(Numel * DType.ElementSize()))];
        unsafe
        {
            fixed (byte* d = bytes)
            {
                InPlace(NativeMethods.mdsl_tensor_copy_to(Ptr, d, bytes.Length), "to_bytes");
            }
        }
        return bytes;
    }

    /// <summary>The single element of a one-element tensor; <typeparamref name="T"/> must match <see cref="DType"/>.</summary>
    public unsafe T Item<T>() where T : unmanaged
    {
        RequireElementType<T>("Item");
        RequireOneElement("Item");
        T value;
        InPlace(NativeMethods.mdsl_tensor_copy_to(Ptr, &value, sizeof(T)), "item");
        return value;
    }

    /// <summary>The single element of a one-element tensor of any dtype, as a double (PyTorch's <c>item()</c>).</summary>
    public unsafe double ToScalar()
    {
        RequireOneElement("ToScalar");
        double value;
        InPlace(NativeMethods.mdsl_tensor_item_double(Ptr, &value), "item");
        return value;
    }

    /// <summary>A copy with its own storage (it stays in the autograd graph, as PyTorch's <c>clone()</c>).</summary>
    public Tensor Clone() => Result(NativeMethods.mdsl_tensor_clone(Ptr), "clone", this);

    /// <summary>This tensor converted to <paramref name="dtype"/> (a copy; a new handle sharing the data when the dtype is already that).</summary>
    public Tensor To(DType dtype) => Result(NativeMethods.mdsl_tensor_to_dtype(Ptr, (int)dtype), "to", this);

    /// <summary>A row-major copy, or a new handle to this tensor's data when it is already contiguous.</summary>
    public Tensor Contiguous() => Result(NativeMethods.mdsl_tensor_contiguous(Ptr), "contiguous", this);

    /// <summary>
    /// A copy laid out in <paramref name="format"/> (or a new handle when it already is). The shape and
    /// indexing do not change; <see cref="MemoryFormat.ChannelsLast"/> stores a [N, C, H, W] tensor as NHWC,
    /// the layout inner convolutions use on CPU.
    /// </summary>
    /// <param name="format">The memory layout.</param>
    public Tensor Contiguous(MemoryFormat format) => Result(NativeMethods.mdsl_tensor_contiguous_format(Ptr, (int)format), "contiguous", this);

    /// <summary>Whether the elements are laid out in <paramref name="format"/> without gaps.</summary>
    /// <param name="format">The memory layout.</param>
    public bool IsContiguousIn(MemoryFormat format) =>
        NativeError.Check(KeepAlive(NativeMethods.mdsl_tensor_is_contiguous_format(Ptr, (int)format)), "is_contiguous") != 0;

    /// <summary>A new handle to the same tensor (same storage and autograd identity), owned separately.</summary>
    public Tensor Alias() => Result(NativeMethods.mdsl_tensor_alias(Ptr), "alias", this);

    private void RequireElementType<T>(string op) where T : unmanaged
    {
        var wanted = DTypeInfo.Of<T>();
        if (wanted != DType)
        {
            throw new InvalidOperationException(
                $"{op}<{typeof(T).Name}> needs a {wanted} tensor but this one is {DType}; convert it first with To(DType.{wanted}).");
        }
    }

    private void RequireOneElement(string op)
    {
        if (Numel != 1)
        {
            throw new InvalidOperationException($"{op} needs a tensor of one element but the shape is {ShapeText(CachedShape)}.");
        }
    }
}
