using PureHDF;
using PureHDF.VOL.Native;
using static TorchSharp.torch;

namespace ModelDsl.Transfer.Weights.KerasH5;

/// <summary>
/// A read-only HDF5 file through PureHDF (managed, no libhdf5): just what the Keras layout needs. Every
/// failure becomes a <see cref="WeightsFormatException"/> naming the file.
/// </summary>
internal sealed class H5File : IDisposable
{
    private readonly NativeFile _file;

    private H5File(string path, NativeFile file)
    {
        Path = path;
        _file = file;
    }

    public string Path { get; }

    /// <exception cref="WeightsFormatException">The file is missing or is not HDF5.</exception>
    public static H5File Open(string path)
    {
        // Checked here so a missing file reads like the other weights readers' message, not like PureHDF's.
        if (!File.Exists(path)) throw new WeightsFormatException(path, "cannot open the file: it does not exist.");
        try
        {
            return new H5File(path, PureHDF.H5File.OpenRead(System.IO.Path.GetFullPath(path)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WeightsFormatException(path, $"not an HDF5 file ({e.Message.TrimEnd('.')}).", e);
        }
    }

    /// <summary>Whether the object at <paramref name="objectPath"/> exists and, when given, has the attribute.</summary>
    public bool Exists(string objectPath, string? attribute = null) => Guard(() =>
    {
        var normalized = Normalize(objectPath);
        if (normalized != "/" && !_file.LinkExists(normalized)) return false;
        return attribute is null || Object(objectPath).AttributeExists(attribute);
    });

    /// <summary>A string or string-array attribute, fixed or variable length.</summary>
    public IReadOnlyList<string> Strings(string objectPath, string attribute) => Guard(() =>
    {
        var attr = Object(objectPath).Attribute(attribute);
        // h5py stores an empty name list (a layer without weights) as an empty float64 array.
        if (attr.Space.Dimensions.Any(d => d == 0)) return (IReadOnlyList<string>)[];
        if (attr.Type.Class is not (H5DataTypeClass.String or H5DataTypeClass.VariableLength))
        {
            throw new WeightsFormatException(Path, $"attribute '{attribute}' of '{objectPath}' holds {attr.Type.Class} values, not strings.");
        }
        // h5py writes Keras's name lists as NUL-padded fixed-length strings; the padding is not part of a name.
        return attr.Read<string[]>().Select(s => s.TrimEnd('\0')).ToList();
    });

    /// <summary>A floating-point dataset (float16, float32 or float64) as a float32 CPU tensor owned by the caller.</summary>
    public Tensor ReadFloat(string datasetPath) => Guard(() =>
    {
        var dataset = _file.Dataset(datasetPath);
        var shape = dataset.Space.Dimensions.Select(d => checked((long)d)).ToArray();
        if (dataset.Type.Class != H5DataTypeClass.FloatingPoint)
        {
            throw new WeightsFormatException(Path, $"dataset '{datasetPath}' holds {dataset.Type.Class} values, not floating-point weights.");
        }
        float[] values = dataset.Type.Size switch
        {
            2 => [.. dataset.Read<Half[]>().Select(h => (float)h)],
            4 => dataset.Read<float[]>(),
            8 => [.. dataset.Read<double[]>().Select(d => (float)d)],
            var size => throw new WeightsFormatException(Path, $"dataset '{datasetPath}' holds {size * 8}-bit floats, which are not read."),
        };
        return tensor(values, shape, dtype: ScalarType.Float32);
    });

    public void Dispose() => _file.Dispose();

    private IH5Object Object(string objectPath) => Normalize(objectPath) is var path && path == "/" ? _file : _file.Get(path);

    // Keras's layout is addressed with group paths that may end in '/', which PureHDF's link lookup does not accept.
    private static string Normalize(string objectPath) => objectPath.Length > 1 ? objectPath.TrimEnd('/') is { Length: > 0 } p ? p : "/" : objectPath;

    private T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not WeightsFormatException and not OutOfMemoryException)
        {
            throw new WeightsFormatException(Path, $"cannot read the HDF5 file: {e.Message}", e);
        }
    }
}
