using PureHDF;
using PureHDF.VOL.Native;
using static TorchSharp.torch;

namespace ModelDsl.Transfer.Weights.KerasH5;

/// <summary>
/// A read-only HDF5 file through PureHDF (managed, no libhdf5): just what the Keras layout needs. Every
/// failure becomes a <see cref="WeightsFormatException"/> naming the file and the object read, and every
/// extent the file declares is checked against its size before PureHDF allocates for it.
/// </summary>
internal sealed class H5File : IDisposable
{
    private readonly NativeFile _file;
    private readonly long _fileLength;
    private readonly ReadLimits _limits;
    private long _bytesRead;

    private H5File(string path, NativeFile file, long fileLength, ReadLimits limits)
    {
        Path = path;
        _file = file;
        _fileLength = fileLength;
        _limits = limits;
    }

    public string Path { get; }

    /// <exception cref="WeightsFormatException">The file is missing or is not HDF5.</exception>
    public static H5File Open(string path, ReadLimits limits)
    {
        // Checked here so a missing file reads like the other weights readers' message, not like PureHDF's.
        if (!File.Exists(path)) throw new WeightsFormatException(path, "cannot open the file: it does not exist.");
        var stream = WeightsFiles.OpenRead(path);
        try
        {
            return new H5File(path, PureHDF.H5File.Open(stream, leaveOpen: false), stream.Length, limits);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stream.Dispose();
            throw new WeightsFormatException(path, $"not an HDF5 file ({e.Message.TrimEnd('.')}).", e);
        }
    }

    /// <summary>Whether the object at <paramref name="objectPath"/> exists and, when given, has the attribute.</summary>
    public bool Exists(string objectPath, string? attribute = null) => Guard($"'{objectPath}'", () =>
    {
        var normalized = Normalize(objectPath);
        if (normalized != "/" && !_file.LinkExists(normalized)) return false;
        return attribute is null || Object(objectPath).AttributeExists(attribute);
    });

    /// <summary>A string or string-array attribute, fixed or variable length.</summary>
    public IReadOnlyList<string> Strings(string objectPath, string attribute) => Guard($"attribute '{attribute}' of '{objectPath}'", () =>
    {
        var attr = Object(objectPath).Attribute(attribute);
        var count = ElementCount(attr.Space.Dimensions, $"attribute '{attribute}' of '{objectPath}'");
        // h5py stores an empty name list (a layer without weights) as an empty float64 array.
        if (count == 0) return (IReadOnlyList<string>)[];
        if (attr.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
        {
            throw new WeightsFormatException(Path, $"attribute '{attribute}' of '{objectPath}' holds {attr.Type.Class} values, not strings.");
        }
        // Every string takes at least one byte of the file (a fixed-length slot or a heap reference).
        CheckBacked(count, Math.Max(1, (long)attr.Type.Size), _fileLength, $"attribute '{attribute}' of '{objectPath}'");
        // h5py writes Keras's name lists as NUL-padded fixed-length strings; the padding is not part of a name.
        return attr.Read<string[]>().Select(s => s.TrimEnd('\0')).ToList();
    });

    /// <summary>A floating-point dataset (float16, float32 or float64) as a float32 CPU tensor owned by the caller.</summary>
    public Tensor ReadFloat(string datasetPath) => Guard($"dataset '{datasetPath}'", () =>
    {
        var what = $"dataset '{datasetPath}'";
        var dataset = _file.Dataset(datasetPath);
        var count = ElementCount(dataset.Space.Dimensions, what);
        var shape = dataset.Space.Dimensions.Select(d => (long)d).ToArray();
        if (dataset.Type.Class != H5DataTypeClass.FloatingPoint)
        {
            throw new WeightsFormatException(Path, $"{what} holds {dataset.Type.Class} values, not floating-point weights.");
        }
        var size = dataset.Type.Size;
        if (size is not (2 or 4 or 8))
        {
            throw new WeightsFormatException(Path, $"{what} holds {size * 8}-bit floats, which are not read.");
        }
        // Uncompressed data must lie in the file; only filtered chunks may expand, up to the compression limit.
        var backing = dataset.Layout.Class switch
        {
            H5DataLayoutClass.Compact or H5DataLayoutClass.Contiguous => _fileLength,
            H5DataLayoutClass.Chunked => _limits.MaxExpandedBytes(_fileLength),
            var layout => throw new WeightsFormatException(Path, $"{what} has the {layout} layout, which Keras weights never use."),
        };
        CheckBacked(count, size, backing, what);
        if (count > Array.MaxLength / Math.Max(size, 4))
        {
            throw new WeightsFormatException(Path, $"{what} has {count} elements, more than one array holds here.");
        }
        _bytesRead += count * size;
        if (_bytesRead > _limits.MaxTotalTensorBytes)
        {
            throw new WeightsFormatException(Path,
                $"the datasets read up to {what} hold {_bytesRead} bytes, more than the {_limits.MaxTotalTensorBytes} a file may{ReadLimits.Hint(nameof(ReadLimits.MaxTotalTensorBytes))}");
        }
        float[] values = size switch
        {
            2 => [.. dataset.Read<Half[]>().Select(h => (float)h)],
            4 => dataset.Read<float[]>(),
            _ => [.. dataset.Read<double[]>().Select(d => (float)d)],
        };
        if (values.LongLength != count)
        {
            throw new WeightsFormatException(Path, $"{what} declares {count} elements but {values.LongLength} were read.");
        }
        return tensor(values, shape, dtype: ScalarType.Float32);
    });

    private long ElementCount(ulong[] dimensions, string what)
    {
        ulong count = 1;
        foreach (var d in dimensions)
        {
            // A product past 2^63 cannot be backed by any file; checked so it cannot wrap to a small count.
            if (d > long.MaxValue || (d != 0 && count > (ulong)long.MaxValue / d)) throw new WeightsFormatException(Path, $"{what} declares dimensions [{string.Join(", ", dimensions)}] whose size overflows 64 bits.");
            count *= d;
        }
        return (long)count;
    }

    /// <summary>Refuses an extent the file's bytes cannot hold, before anything of that size is allocated.</summary>
    private void CheckBacked(long count, long elementSize, long backing, string what)
    {
        if (count > backing / elementSize)
        {
            throw new WeightsFormatException(Path,
                $"{what} declares {count} elements of {elementSize} bytes, more than the {_fileLength}-byte file can hold (a corrupt or crafted file).");
        }
    }

    public void Dispose() => _file.Dispose();

    private IH5Object Object(string objectPath) => Normalize(objectPath) is var path && path == "/" ? _file : _file.Get(path);

    // Keras's layout is addressed with group paths that may end in '/', which PureHDF's link lookup does not accept.
    private static string Normalize(string objectPath) => objectPath.Length > 1 ? objectPath.TrimEnd('/') is { Length: > 0 } p ? p : "/" : objectPath;

    /// <summary>PureHDF's failures on a damaged file are of many types; each becomes one naming the file and the object.</summary>
    private T Guard<T>(string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not WeightsFormatException and not OutOfMemoryException)
        {
            throw new WeightsFormatException(Path, $"cannot read {what} of the HDF5 file: {e.Message}", e);
        }
    }
}
