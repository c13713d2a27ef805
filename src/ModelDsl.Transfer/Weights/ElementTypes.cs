namespace ModelDsl.Transfer.Weights;

/// <summary>
/// The element types weights files store here, with their sizes and the names each file format gives
/// them. Complex and quantized TorchSharp types are not read or written.
/// </summary>
public static class ElementTypes
{
    /// <summary>Every element type the readers and writers handle.</summary>
    public static IReadOnlyList<ScalarType> Stored { get; } =
    [
        ScalarType.Float32, ScalarType.Float16, ScalarType.BFloat16, ScalarType.Float64, ScalarType.Int64,
        ScalarType.Int32, ScalarType.Int16, ScalarType.Int8, ScalarType.Byte, ScalarType.Bool,
    ];

    /// <summary>The number of bytes one element occupies.</summary>
    public static int ByteSize(this ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Weights files here do not store this element type."),
    };

    /// <summary>The dtype string safetensors headers use (<c>F32</c>, <c>BF16</c>, <c>I64</c>, ...).</summary>
    public static string SafetensorsName(this ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Weights files here do not store this element type."),
    };

    /// <summary>Parses a safetensors dtype string; false for types we do not read (e.g. <c>F8_E4M3</c>).</summary>
    public static bool TryParseSafetensorsName(string name, out ScalarType type)
    {
        foreach (var candidate in Stored)
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
    public static string TorchStorageName(this ScalarType type) => type switch
    {
        ScalarType.Float32 => "FloatStorage",
        ScalarType.Float16 => "HalfStorage",
        ScalarType.BFloat16 => "BFloat16Storage",
        ScalarType.Float64 => "DoubleStorage",
        ScalarType.Int64 => "LongStorage",
        ScalarType.Int32 => "IntStorage",
        ScalarType.Int16 => "ShortStorage",
        ScalarType.Int8 => "CharStorage",
        ScalarType.Byte => "ByteStorage",
        ScalarType.Bool => "BoolStorage",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Weights files here do not store this element type."),
    };

    /// <summary>Parses a <c>torch.*Storage</c> class name; false for storages we do not read (complex, quantized).</summary>
    public static bool TryParseTorchStorageName(string name, out ScalarType type)
    {
        foreach (var candidate in Stored)
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
