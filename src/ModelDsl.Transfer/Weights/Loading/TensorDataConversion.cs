using System.Buffers.Binary;
using ModelDsl.Torch;

namespace ModelDsl.Transfer.Weights;

/// <summary>Moves weights between managed <see cref="TensorData"/> and libtorch <see cref="Tensor"/>s.</summary>
public static class TensorDataConversion
{
    /// <summary>
    /// Creates a CPU tensor holding a copy of the data. bfloat16 becomes float32, and int8/int16 become
    /// int32, since the runtime does not compute in those types; float16 stays float16 unless
    /// <paramref name="halfToFloat32"/> is set.
    /// </summary>
    public static Tensor ToTensor(this TensorData data, bool halfToFloat32 = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        var shape = data.Shape.ToArray();
        return data.Type switch
        {
            ElementType.Float32 => Tensor.FromBytes(data.Data.Span, DType.Float32, shape),
            ElementType.Float16 when !halfToFloat32 => Tensor.FromBytes(data.Data.Span, DType.Float16, shape),
            ElementType.Float16 or ElementType.BFloat16 =>
                Tensor.FromBytes(ElementConversion.WidenToFloat32Bytes(data.Data.Span, data.Type, data.ElementCount), DType.Float32, shape),
            ElementType.Float64 => Tensor.FromBytes(data.Data.Span, DType.Float64, shape),
            ElementType.Int64 => Tensor.FromBytes(data.Data.Span, DType.Int64, shape),
            ElementType.Int32 => Tensor.FromBytes(data.Data.Span, DType.Int32, shape),
            ElementType.Int16 or ElementType.Int8 => Tensor.FromBytes(WidenToInt32(data), DType.Int32, shape),
            ElementType.UInt8 => Tensor.FromBytes(data.Data.Span, DType.UInt8, shape),
            ElementType.Bool => Tensor.FromBytes(data.Data.Span, DType.Bool, shape),
            _ => throw new ArgumentOutOfRangeException(nameof(data), data.Type, $"Tensor '{data.Name}' has an unknown element type."),
        };
    }

    /// <summary>Copies a tensor's elements out as a named <see cref="TensorData"/> (row-major, little-endian).</summary>
    /// <exception cref="ArgumentException">The tensor's dtype has no <see cref="ElementType"/>.</exception>
    public static TensorData ToTensorData(this Tensor tensor, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var type = tensor.DType switch
        {
            DType.Float32 => ElementType.Float32,
            DType.Float16 => ElementType.Float16,
            DType.Float64 => ElementType.Float64,
            DType.Int64 => ElementType.Int64,
            DType.Int32 => ElementType.Int32,
            DType.UInt8 => ElementType.UInt8,
            DType.Bool => ElementType.Bool,
            var other => throw new ArgumentException($"Tensor '{name}' has dtype {other}, which weights files here do not store.", nameof(tensor)),
        };
        return new TensorData(name, type, tensor.Shape, tensor.ToBytes());
    }

    private static byte[] WidenToInt32(TensorData data)
    {
        var values = data.ToInt64Array();
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), (int)values[i]);
        return bytes;
    }
}
