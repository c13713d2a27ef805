using System.Text.Json;

namespace ModelDsl.Transfer.Weights.Safetensors;

/// <summary>One tensor's header entry, validated: its type, shape and byte range agree.</summary>
internal sealed record SafetensorsEntry(string Name, ScalarType Type, long[] Shape, long Begin, long End)
{
    public static SafetensorsEntry Parse(string path, string name, JsonElement value)
    {
        try
        {
            var dtype = value.GetProperty("dtype").GetString() ?? "";
            if (!ElementTypes.TryParseSafetensorsName(dtype, out var type))
            {
                throw new WeightsFormatException(path, $"unsupported dtype '{dtype}' of tensor '{name}'");
            }
            var shape = value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
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

    /// <summary>Elements × element size in checked 64-bit arithmetic: a crafted shape must not wrap to a small size.</summary>
    private static long ByteCount(string path, string name, long[] shape, ScalarType type)
    {
        try
        {
            return checked(shape.Aggregate(1L, (a, b) => checked(a * b)) * type.ByteSize());
        }
        catch (OverflowException e)
        {
            throw new WeightsFormatException(path, $"tensor '{name}' of shape {TensorData.FormatShape(shape)} would need more than {long.MaxValue} bytes (a corrupt or crafted header)", e);
        }
    }
}
