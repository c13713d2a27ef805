using System.Runtime.InteropServices;

namespace ModelDsl.Transfer.Weights;

/// <summary>
/// One named tensor as a weights file holds it: element type, shape and contiguous little-endian bytes
/// in row-major order. Plain managed data, so reading a file needs no libtorch.
/// </summary>
public sealed class TensorData
{
    /// <summary>Creates a tensor record, checking that the byte count matches the type and shape.</summary>
    /// <exception cref="ArgumentException">The shape has a negative dimension or does not match the byte count.</exception>
    public TensorData(string name, ScalarType type, IReadOnlyList<long> shape, ReadOnlyMemory<byte> data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        Name = name;
        Type = type;
        Shape = shape.ToArray();
        ElementCount = CountElements(Shape, name);
        if (ElementCount * type.ByteSize() != data.Length)
        {
            throw new ArgumentException(
                $"Tensor '{name}' of shape {FormatShape(Shape)} and type {type} needs {ElementCount * type.ByteSize()} bytes but {data.Length} were given.",
                nameof(data));
        }
        Data = data;
    }

    /// <summary>The key of this tensor in its state dict (a dotted parameter path).</summary>
    public string Name { get; }

    /// <summary>The element type as stored.</summary>
    public ScalarType Type { get; }

    /// <summary>The size of each dimension, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>The number of elements (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>The elements, contiguous, row-major, little-endian.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The name, type and shape, without the bytes.</summary>
    public TensorInfo Info => new(Name, Type, Shape);

    /// <summary>Creates a float32 tensor record from values (tests, and tensors built in managed code).</summary>
    public static TensorData FromFloats(string name, ReadOnlySpan<float> values, params long[] shape) =>
        new(name, ScalarType.Float32, shape, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>Creates an int64 tensor record from values.</summary>
    public static TensorData FromInt64s(string name, ReadOnlySpan<long> values, params long[] shape) =>
        new(name, ScalarType.Int64, shape, MemoryMarshal.AsBytes(values).ToArray());

    /// <summary>The same data under another name (state-dict keys are renamed when a prefix is added or removed).</summary>
    public TensorData WithName(string name) => new(name, Type, Shape, Data);

    /// <summary>
    /// The elements as float32, widening float16, bfloat16 and integer types and narrowing float64.
    /// </summary>
    public float[] ToFloat32Array() => ElementConversion.ToFloat32(Data.Span, Type, ElementCount);

    /// <summary>The elements as int64; only for integer and boolean types.</summary>
    /// <exception cref="InvalidOperationException">The tensor holds floating-point values.</exception>
    public long[] ToInt64Array() => ElementConversion.ToInt64(Data.Span, Type, ElementCount, Name);

    /// <summary>The shape written the way PyTorch prints it, e.g. <c>[64, 3, 7, 7]</c>.</summary>
    public static string FormatShape(IReadOnlyList<long> shape) => $"[{string.Join(", ", shape)}]";

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Type} {FormatShape(Shape)}";

    private static long CountElements(IReadOnlyList<long> shape, string name)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"Tensor '{name}' has a negative dimension in shape {FormatShape(shape)}.", nameof(shape));
            count = checked(count * d);
        }
        return count;
    }
}
