using System.Buffers.Binary;

namespace ModelDsl.Transfer.Weights;

/// <summary>Element-wise widening of stored little-endian bytes into managed arrays.</summary>
internal static class ElementConversion
{
    public static float[] ToFloat32(ReadOnlySpan<byte> bytes, ScalarType type, long count)
    {
        var result = new float[count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = type switch
            {
                ScalarType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]),
                ScalarType.Float16 => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(i * 2)..]),
                // bfloat16 is the upper 16 bits of a float32, so widening is a shift.
                ScalarType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]) << 16),
                ScalarType.Float64 => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]),
                ScalarType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(bytes[(i * 8)..]),
                ScalarType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]),
                ScalarType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 2)..]),
                ScalarType.Int8 => (sbyte)bytes[i],
                ScalarType.Byte or ScalarType.Bool => bytes[i],
                _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown element type."),
            };
        }
        return result;
    }

    public static long[] ToInt64(ReadOnlySpan<byte> bytes, ScalarType type, long count, string name)
    {
        var result = new long[count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = type switch
            {
                ScalarType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(bytes[(i * 8)..]),
                ScalarType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]),
                ScalarType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 2)..]),
                ScalarType.Int8 => (sbyte)bytes[i],
                ScalarType.Byte or ScalarType.Bool => bytes[i],
                _ => throw new InvalidOperationException($"Tensor '{name}' holds {type} values, not integers."),
            };
        }
        return result;
    }

    /// <summary>Converts float16 or bfloat16 bytes to float32 bytes (the runtime computes in float32).</summary>
    public static byte[] WidenToFloat32Bytes(ReadOnlySpan<byte> bytes, ScalarType type, long count)
    {
        var floats = ToFloat32(bytes, type, count);
        var result = new byte[floats.Length * 4];
        for (var i = 0; i < floats.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(result.AsSpan(i * 4), floats[i]);
        }
        return result;
    }
}
