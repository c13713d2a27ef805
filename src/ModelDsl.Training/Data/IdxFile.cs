using System.Buffers.Binary;
using System.IO.Compression;

namespace ModelDsl.Training.Data;

/// <summary>
/// An IDX file (the MNIST / Fashion-MNIST format) of unsigned bytes: a big-endian header with the magic
/// number <c>0x000008DD</c> (DD = number of dimensions), one big-endian 32-bit size per dimension, then the data.
/// Files may be raw or gzip-compressed; which one is decided by the first bytes, not the file name.
/// </summary>
public sealed class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    private IdxFile(string path, int[] dimensions, byte[] data)
    {
        Path = path;
        Dimensions = dimensions;
        Data = data;
    }

    /// <summary>The file the data came from, for error messages.</summary>
    public string Path { get; }

    /// <summary>The size of each dimension, outermost (the example count) first.</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>The elements, row-major.</summary>
    public byte[] Data { get; }

    /// <summary>Number of examples (the first dimension).</summary>
    public int Count => Dimensions[0];

    /// <summary>Elements per example (product of all dimensions but the first).</summary>
    public int ExampleSize
    {
        get
        {
            var size = 1;
            for (var i = 1; i < Dimensions.Count; i++) size *= Dimensions[i];
            return size;
        }
    }

    /// <summary>Reads and validates an IDX file, raw or gzip.</summary>
    /// <param name="path">The file.</param>
    /// <param name="expectedRank">If given, the number of dimensions the caller needs (3 for images, 1 for labels).</param>
    /// <exception cref="InvalidDataException">The file is truncated, has a wrong magic number or inconsistent sizes; the message names the file.</exception>
    public static IdxFile Read(string path, int? expectedRank = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);
        using var file = File.OpenRead(path);
        var header = new byte[2];
        var gzip = file.ReadAtLeast(header, 2, throwOnEndOfStream: false) == 2 && header[0] == 0x1f && header[1] == 0x8b;
        file.Position = 0;
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return Read(stream, path, expectedRank);
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith("IDX file", StringComparison.Ordinal))
        {
            // A corrupt gzip stream surfaces as a bare InvalidDataException: say which file.
            throw new InvalidDataException($"IDX file '{path}' is not a valid gzip stream: {e.Message}", e);
        }
    }

    /// <summary>Reads an IDX stream (already decompressed); <paramref name="name"/> names it in errors.</summary>
    public static IdxFile Read(Stream stream, string name, int? expectedRank = null)
    {
        var magic = new byte[4];
        ReadExactly(stream, magic, name, "the magic number");
        if (magic[0] != 0 || magic[1] != 0 || magic[2] != UnsignedByteType || magic[3] == 0)
        {
            throw new InvalidDataException(
                $"IDX file '{name}' has wrong magic number 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8}; " +
                "expected 0x000008NN (unsigned bytes, NN dimensions), e.g. 0x00000803 for images or 0x00000801 for labels.");
        }
        int rank = magic[3];
        if (expectedRank is { } r && rank != r)
        {
            throw new InvalidDataException(
                $"IDX file '{name}' has {rank} dimension(s) (magic 0x{BinaryPrimitives.ReadUInt32BigEndian(magic):X8}) but {r} were expected " +
                $"(magic 0x{0x800 + r:X8}).");
        }
        var dimBytes = new byte[4 * rank];
        ReadExactly(stream, dimBytes, name, $"the {rank} dimension sizes");
        var dims = new int[rank];
        long total = 1;
        for (var i = 0; i < rank; i++)
        {
            var d = BinaryPrimitives.ReadUInt32BigEndian(dimBytes.AsSpan(4 * i));
            if (d == 0 || d > int.MaxValue)
            {
                throw new InvalidDataException($"IDX file '{name}' declares dimension {i} of size {d}; sizes must be between 1 and {int.MaxValue}.");
            }
            dims[i] = (int)d;
            total *= d;
            if (total > Array.MaxLength)
            {
                throw new InvalidDataException($"IDX file '{name}' declares dimensions [{string.Join(", ", dims.Take(i + 1))}], more than {Array.MaxLength} bytes.");
            }
        }
        var data = new byte[total];
        var read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (read < data.Length)
        {
            throw new InvalidDataException(
                $"IDX file '{name}' is truncated: dimensions [{string.Join(", ", dims)}] need {data.Length} data bytes but only {read} are present.");
        }
        if (stream.ReadByte() != -1)
        {
            throw new InvalidDataException($"IDX file '{name}' has data past the {data.Length} bytes its dimensions [{string.Join(", ", dims)}] declare.");
        }
        return new IdxFile(name, dims, data);
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string name, string what)
    {
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
        {
            throw new InvalidDataException($"IDX file '{name}' is truncated: it ends while reading {what} ({read} of {buffer.Length} bytes).");
        }
    }
}
