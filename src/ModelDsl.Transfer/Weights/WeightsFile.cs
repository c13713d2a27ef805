using ModelDsl.Transfer.Weights.Pth;
using ModelDsl.Transfer.Weights.Safetensors;

namespace ModelDsl.Transfer.Weights;

/// <summary>
/// Reads and writes weights files: PyTorch's <c>.pth</c>/<c>.pt</c> (as <c>torch.save</c> writes them) and
/// safetensors. Pure managed code: no libtorch is needed to read or write.
/// </summary>
public static class WeightsFile
{
    /// <summary>Reads the tensors of a weights file, the format told by its extension.</summary>
    /// <param name="path">A <c>.pth</c>, <c>.pt</c>, <c>.bin</c>, <c>.ckpt</c> or <c>.safetensors</c> file.</param>
    /// <param name="keyPath">
    /// For a <c>.pth</c> checkpoint that holds more than a state dict, where the state dict is: keys
    /// separated by '/', e.g. <c>"state_dict"</c> or <c>"model/ema"</c>. Null for a plain state dict.
    /// </param>
    /// <param name="limits">How much the file may make the reader allocate; <see cref="ReadLimits.Default"/> when null.</param>
    /// <exception cref="WeightsFormatException">The file is missing, corrupt, truncated, larger than the limits allow or uses something unsupported.</exception>
    public static StateDict Read(string path, string? keyPath = null, ReadLimits? limits = null) => Read(path, WeightsFormats.FromPath(path), keyPath, limits);

    /// <summary>Reads the tensors of a weights file in the given format.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="format">The file's format, whatever its extension.</param>
    /// <param name="keyPath">For a <c>.pth</c> checkpoint, where the state dict is (see <see cref="Read(string, string?, ReadLimits?)"/>).</param>
    /// <param name="limits">How much the file may make the reader allocate; <see cref="ReadLimits.Default"/> when null.</param>
    /// <exception cref="WeightsFormatException">The file is missing, corrupt, truncated, larger than the limits allow or uses something unsupported.</exception>
    public static StateDict Read(string path, WeightsFormat format, string? keyPath = null, ReadLimits? limits = null)
    {
        using var reader = Open(path, format, keyPath, limits);
        return reader.ReadStateDict();
    }

    /// <summary>Reads the tensors of weights held in a stream (an embedded resource, a download in memory).</summary>
    /// <param name="stream">A readable, seekable stream at position 0, holding only the weights; left open.</param>
    /// <param name="format">The format of the weights.</param>
    /// <param name="keyPath">For a <c>.pth</c> checkpoint, where the state dict is (see <see cref="Read(string, string?, ReadLimits?)"/>).</param>
    /// <param name="sourceName">How messages name the source.</param>
    /// <param name="limits">How much the file may make the reader allocate; <see cref="ReadLimits.Default"/> when null.</param>
    /// <exception cref="WeightsFormatException">The data is corrupt, truncated, larger than the limits allow or uses something unsupported.</exception>
    /// <exception cref="ArgumentException">The stream cannot seek, or a key path is given for safetensors.</exception>
    public static StateDict Read(Stream stream, WeightsFormat format, string? keyPath = null, string sourceName = "<stream>", ReadLimits? limits = null)
    {
        using var reader = Open(stream, format, keyPath, sourceName, limits);
        return reader.ReadStateDict();
    }

    /// <summary>
    /// Opens a weights file: names, types and shapes are read now, tensor bytes only as
    /// <see cref="WeightsReader.ReadTensors"/> is enumerated, so a large model need not sit in memory twice.
    /// </summary>
    /// <param name="path">The file to read; the format is told by its extension.</param>
    /// <param name="keyPath">For a <c>.pth</c> checkpoint, where the state dict is (see <see cref="Read(string, string?, ReadLimits?)"/>).</param>
    /// <param name="limits">How much the file may make the reader allocate; <see cref="ReadLimits.Default"/> when null.</param>
    /// <exception cref="WeightsFormatException">The file is missing, corrupt, larger than the limits allow or uses something unsupported.</exception>
    public static WeightsReader Open(string path, string? keyPath = null, ReadLimits? limits = null) => Open(path, WeightsFormats.FromPath(path), keyPath, limits);

    /// <summary>Opens a weights file in the given format; see <see cref="Open(string, string?, ReadLimits?)"/>.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="format">The file's format, whatever its extension.</param>
    /// <param name="keyPath">For a <c>.pth</c> checkpoint, where the state dict is.</param>
    /// <param name="limits">How much the file may make the reader allocate; <see cref="ReadLimits.Default"/> when null.</param>
    /// <exception cref="WeightsFormatException">The file is missing, corrupt, larger than the limits allow or uses something unsupported.</exception>
    public static WeightsReader Open(string path, WeightsFormat format, string? keyPath = null, ReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        CheckKeyPath(format, keyPath);
        var checkedLimits = (limits ?? ReadLimits.Default).Validated();
        var stream = WeightsFiles.OpenRead(path);
        return OpenFormat(stream, format, keyPath, path, leaveOpen: false, checkedLimits);
    }

    /// <summary>Opens weights held in a stream, which stays open and must outlive the reader.</summary>
    /// <param name="stream">A readable, seekable stream at position 0, holding only the weights.</param>
    /// <param name="format">The format of the weights.</param>
    /// <param name="keyPath">For a <c>.pth</c> checkpoint, where the state dict is.</param>
    /// <param name="sourceName">How messages name the source.</param>
    /// <param name="limits">How much the file may make the reader allocate; <see cref="ReadLimits.Default"/> when null.</param>
    /// <exception cref="WeightsFormatException">The data is corrupt, larger than the limits allow or uses something unsupported.</exception>
    /// <exception cref="ArgumentException">The stream cannot seek, or a key path is given for safetensors.</exception>
    public static WeightsReader Open(Stream stream, WeightsFormat format, string? keyPath = null, string sourceName = "<stream>", ReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek || stream.Position != 0)
        {
            throw new ArgumentException("Weights are read from a readable, seekable stream at position 0; copy the data to a MemoryStream or a file first.", nameof(stream));
        }
        CheckKeyPath(format, keyPath);
        return OpenFormat(stream, format, keyPath, sourceName, leaveOpen: true, (limits ?? ReadLimits.Default).Validated());
    }

    private static WeightsReader OpenFormat(Stream stream, WeightsFormat format, string? keyPath, string source, bool leaveOpen, ReadLimits limits) => format switch
    {
        WeightsFormat.Pth => PthReader.Open(stream, source, keyPath, leaveOpen, limits),
        WeightsFormat.Safetensors => SafetensorsReader.Open(stream, source, leaveOpen, limits),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown weights format."),
    };

    private static void CheckKeyPath(WeightsFormat format, string? keyPath)
    {
        if (format == WeightsFormat.Safetensors && keyPath is not null)
        {
            throw new ArgumentException("A safetensors file is a flat dict of tensors; it has no key path.", nameof(keyPath));
        }
    }

    /// <summary>
    /// Writes tensors to a file, the format told by its extension (<c>.safetensors</c>, or <c>.pth</c>/<c>.pt</c>
    /// which <c>torch.load</c> reads and <c>load_state_dict</c> accepts). The file is replaced atomically.
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tensors">The tensors in order; a <see cref="StateDict"/> also passes its metadata.</param>
    public static void Write(string path, IEnumerable<TensorData> tensors) => Write(path, tensors, WeightsFormats.FromPath(path));

    /// <summary>Writes tensors to a file in the given format, replacing it atomically.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="tensors">The tensors in order; a <see cref="StateDict"/> also passes its metadata.</param>
    /// <param name="format">The format to write, whatever the extension.</param>
    /// <exception cref="ArgumentException">Two tensors share a name.</exception>
    public static void Write(string path, IEnumerable<TensorData> tensors, WeightsFormat format)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var dict = tensors as StateDict ?? new StateDict(tensors);
        var list = dict.ToList();
        AtomicFile.Write(path, stream =>
        {
            switch (format)
            {
                case WeightsFormat.Pth:
                    PthWriter.Write(stream, list, dict.Metadata);
                    break;
                case WeightsFormat.Safetensors:
                    SafetensorsWriter.Write(stream, list, dict.Metadata);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown weights format.");
            }
        });
    }
}
