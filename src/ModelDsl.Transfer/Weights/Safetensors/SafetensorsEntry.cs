using System.Text.Json;

namespace ModelDsl.Transfer.Weights.Safetensors;

/// <summary>One tensor's header entry, validated: its type, shape and byte range agree.</summary>
internal sealed record SafetensorsEntry(string Name, ScalarType Type, long[] Shape, long Begin, long End)
{
    /// <summary>NumPy's own limit on dimensions (64 since NumPy 2).</summary>
    public const int MaxRank = 64;

    public static SafetensorsEntry Parse(string path, string name, JsonElement value)
    {
        try
        {
            var dtype = value.GetProperty("dtype").GetString() ?? "";
            if (!ElementTypes.TryParseSafetensorsName(dtype, out var type))
            {
                throw new WeightsFormatException(path, $"unsupported dtype '{dtype}' of tensor '{name}'");
            }
            var dims = value.GetProperty("shape");
            // Checked before the array is built: two header bytes per dimension would otherwise become eight.
            if (dims.GetArrayLength() > MaxRank)
            {
                throw new WeightsFormatException(path, $"tensor '{name}' has {dims.GetArrayLength()} dimensions, more than the {MaxRank} read");
            }
            var shape = Longs(dims);
            var offsetsJson = value.GetProperty("data_offsets");
            if (offsetsJson.GetArrayLength() != 2)
            {
                throw new WeightsFormatException(path, $"tensor '{name}' has {offsetsJson.GetArrayLength()} data_offsets instead of [begin, end]");
            }
            var offsets = Longs(offsetsJson);
            if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0])
            {
                throw new WeightsFormatException(path, $"tensor '{name}' has invalid data_offsets [{string.Join(", ", offsets)}]");
            }
            if (shape.Any(d => d < 0))
            {
                throw new WeightsFormatException(path, $"tensor '{name}' has a negative dimension in shape {TensorData.FormatShape(shape)}");
            }
            var expected = ByteCount(path, name, shape, type);
            if (offsets[1] - offsets[0] != expected)
            {
                throw new WeightsFormatException(path,
                    $"tensor '{name}' of shape {TensorData.FormatShape(shape)} and dtype {dtype} needs {expected} bytes but its data_offsets span {offsets[1] - offsets[0]}");
            }
            return new SafetensorsEntry(name, type, shape, offsets[0], offsets[1]);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new WeightsFormatException(path, $"header entry of tensor '{name}' is malformed (needs dtype, shape and data_offsets): {e.Message}", e);
        }
    }

    private static long[] Longs(JsonElement array)
    {
        var values = new long[array.GetArrayLength()];
        for (var i = 0; i < values.Length; i++) values[i] = array[i].GetInt64();
        return values;
    }

    /// <summary>Elements × element size in checked 64-bit arithmetic: a crafted shape must not wrap to a small size.</summary>
    private static long ByteCount(string path, string name, long[] shape, ScalarType type)
    {
        try
        {
            long count = 1;
            foreach (var d in shape) count = checked(count * d);
            return checked(count * type.ByteSize());
        }
        catch (OverflowException e)
        {
            throw new WeightsFormatException(path, $"tensor '{name}' of shape {TensorData.FormatShape(shape)} would need more than {long.MaxValue} bytes (a corrupt or crafted header)", e);
        }
    }
}
