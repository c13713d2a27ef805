namespace ModelDsl.Torch;

/// <summary>Facts about element types: their size and the .NET type that holds one element.</summary>
public static class DTypeInfo
{
    /// <summary>Bytes per element of <paramref name="dtype"/>.</summary>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.UInt8 or DType.Bool => 1,
        DType.Float16 => 2,
        DType.Int32 or DType.Float32 => 4,
        DType.Int64 or DType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>Whether <paramref name="dtype"/> is a floating-point type (one that can require gradients).</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float16 or DType.Float32 or DType.Float64;

    /// <summary>The dtype whose elements are .NET <typeparamref name="T"/> values.</summary>
    /// <exception cref="NotSupportedException">No dtype matches <typeparamref name="T"/>.</exception>
    public static DType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(byte)) return DType.UInt8;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        if (typeof(T) == typeof(Half)) return DType.Float16;
        throw new NotSupportedException($"No tensor dtype holds elements of type {typeof(T).Name}.");
    }
}
