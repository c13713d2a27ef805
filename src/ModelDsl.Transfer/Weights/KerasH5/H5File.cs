using System.Runtime.InteropServices;
using System.Text;
using ModelDsl.Torch;
using ModelDsl.Torch.Native;

namespace ModelDsl.Transfer.Weights.KerasH5;

/// <summary>
/// A read-only HDF5 file through the shim's libhdf5 exports: just what the Keras layout needs. Every
/// failure becomes a <see cref="WeightsFormatException"/> naming the file.
/// </summary>
internal sealed class H5File : IDisposable
{
    private IntPtr _handle;

    private H5File(string path, IntPtr handle)
    {
        Path = path;
        _handle = handle;
    }

    public string Path { get; }

    /// <exception cref="WeightsFormatException">The file is missing or is not HDF5.</exception>
    public static H5File Open(string path)
    {
        // Checked here so a missing file reads like the other weights readers' message, not like HDF5's.
        if (!File.Exists(path)) throw new WeightsFormatException(path, "cannot open the file: it does not exist.");
        var handle = NativeMethods.mdsl_h5_open(System.IO.Path.GetFullPath(path));
        if (handle == IntPtr.Zero) throw new WeightsFormatException(path, NativeError.LastMessage().Trim());
        return new H5File(path, handle);
    }

    /// <summary>Whether the object at <paramref name="objectPath"/> exists and, when given, has the attribute.</summary>
    public bool Exists(string objectPath, string? attribute = null) =>
        Check(NativeMethods.mdsl_h5_exists(Handle, objectPath, attribute)) == 1;

    /// <summary>A string or string-array attribute, fixed or variable length.</summary>
    public IReadOnlyList<string> Strings(string objectPath, string attribute)
    {
        var buffer = NativeMethods.mdsl_h5_string_attr(Handle, objectPath, attribute, out var count, out var size);
        if (buffer == IntPtr.Zero) throw Failure();
        try
        {
            var bytes = new byte[size];
            Marshal.Copy(buffer, bytes, 0, bytes.Length);
            var result = new List<string>(count);
            var start = 0;
            for (var i = 0; i < count; i++)
            {
                var end = Array.IndexOf(bytes, (byte)0, start);
                result.Add(Encoding.UTF8.GetString(bytes, start, end - start));
                start = end + 1;
            }
            return result;
        }
        finally
        {
            NativeMethods.mdsl_h5_free_strings(buffer);
        }
    }

    /// <summary>A floating-point dataset as a float32 tensor (owned by the caller).</summary>
    public Tensor ReadFloat(string datasetPath)
    {
        var tensor = NativeMethods.mdsl_h5_read_float(Handle, datasetPath);
        if (tensor == IntPtr.Zero) throw Failure();
        return new Tensor(tensor, "read HDF5 dataset");
    }

    public void Dispose()
    {
        if (_handle == IntPtr.Zero) return;
        NativeMethods.mdsl_h5_close(_handle);
        _handle = IntPtr.Zero;
    }

    private IntPtr Handle => _handle != IntPtr.Zero ? _handle : throw new ObjectDisposedException(nameof(H5File));

    private int Check(int status) => status >= 0 ? status : throw Failure();

    private WeightsFormatException Failure() => new(Path, NativeError.LastMessage().Trim());
}
