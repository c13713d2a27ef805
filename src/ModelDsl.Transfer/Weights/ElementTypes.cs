namespace ModelDsl.Transfer.Weights;

/// <summary>Sizes and the names each file format gives to <see cref="ElementType"/>s.</summary>
public static class ElementTypes
{
    /// <summary>The number of bytes one element occupies.</summary>
    public static int ByteSize(this ElementType type) => type switch
    {
        ElementType.Float64 or ElementType.Int64 => 8,
        ElementType.Float32 or ElementType.Int32 => 4,
        ElementType.Float16 or ElementType.BFloat16 or ElementType.Int16 => 2,
        ElementType.Int8 or ElementType.UInt8 or ElementType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown element type."),
    };

    /// <summary>The dtype string safetensors headers use (<c>F32</c>, <c>BF16</c>, <c>I64</c>, ...).</summary>
    public static string SafetensorsName(this ElementType type) => type switch
    {
        ElementType.Float32 => "F32",
        ElementType.Float16 => "F16",
        ElementType.BFloat16 => "BF16",
        ElementType.Float64 => "F64",
        ElementType.Int64 => "I64",
        ElementType.Int32 => "I32",
        ElementType.Int16 => "I16",
        ElementType.Int8 => "I8",
        ElementType.UInt8 => "U8",
        ElementType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown element type."),
    };

    /// <summary>Parses a safetensors dtype string; false for types we do not read (e.g. <c>F8_E4M3</c>).</summary>
    public static bool TryParseSafetensorsName(string name, out ElementType type)
    {
        foreach (var candidate in Enum.GetValues<ElementType>())
        {
            if (candidate.SafetensorsName() == name)
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>The legacy typed-storage class PyTorch pickles for this type (<c>FloatStorage</c>, ...).</summary>
    public static string TorchStorageName(this ElementType type) => type switch
    {
        ElementType.Float32 => "FloatStorage",
        ElementType.Float16 => "HalfStorage",
        ElementType.BFloat16 => "BFloat16Storage",
        ElementType.Float64 => "DoubleStorage",
        ElementType.Int64 => "LongStorage",
        ElementType.Int32 => "IntStorage",
        ElementType.Int16 => "ShortStorage",
        ElementType.Int8 => "CharStorage",
        ElementType.UInt8 => "ByteStorage",
        ElementType.Bool => "BoolStorage",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown element type."),
    };

    /// <summary>Parses a <c>torch.*Storage</c> class name; false for storages we do not read (complex, quantized).</summary>
    public static bool TryParseTorchStorageName(string name, out ElementType type)
    {
        foreach (var candidate in Enum.GetValues<ElementType>())
        {
            if (candidate.TorchStorageName() == name)
            {
                type = candidate;
                return true;
            }
        }
        type = default;
        return false;
    }
}
