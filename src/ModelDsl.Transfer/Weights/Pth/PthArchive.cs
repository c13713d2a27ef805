using System.IO.Compression;

namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// The zip container of a <c>torch.save</c> file. Every record sits under one top-level folder whose
/// name varies (the file's stem, or <c>archive</c>), so records are found relative to <c>data.pkl</c>.
/// </summary>
internal sealed class PthArchive : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly string _prefix;
    private readonly long _fileLength;

    private PthArchive(string path, ZipArchive zip, string prefix, long fileLength, ReadLimits limits)
    {
        FilePath = path;
        _zip = zip;
        _prefix = prefix;
        _fileLength = fileLength;
        Limits = limits;
        BigEndian = ReadByteOrder();
    }

    public string FilePath { get; }

    /// <summary>True when the <c>byteorder</c> record says the storages were written big-endian.</summary>
    public bool BigEndian { get; }

    /// <summary>What the file may make the reader allocate.</summary>
    public ReadLimits Limits { get; }

    /// <summary>Opens a zip archive from a seekable stream; <paramref name="path"/> names it in messages.</summary>
    public static PthArchive Open(Stream stream, string path, bool leaveOpen, ReadLimits limits)
    {
        try
        {
            var zip = OpenZip(path, stream, leaveOpen);
            try
            {
                var pickle = zip.Entries.FirstOrDefault(e => e.Name == "data.pkl"
                                                             && e.FullName.Count(c => c == '/') <= 1)
                             ?? throw new WeightsFormatException(path, "the zip archive has no data.pkl record, so it is not a torch.save file" + TorchScriptHint(zip));
                return new PthArchive(path, zip, pickle.FullName[..^"data.pkl".Length], stream.Length, limits);
            }
            catch
            {
                zip.Dispose();
                throw;
            }
        }
        catch
        {
            if (!leaveOpen) stream.Dispose();
            throw;
        }
    }

    public string RecordName(string record) => _prefix + record;

    /// <summary>
    /// The byte length a record declares, once checked against what the file holds (the size of the archive
    /// and the expansion limit of compressed entries); null when the record is absent.
    /// </summary>
    public long? RecordLength(string record) => _zip.GetEntry(_prefix + record) is { } entry ? CheckedLength(entry) : null;

    /// <summary>Reads a whole record (data.pkl, a storage).</summary>
    public byte[] ReadRecord(string record, string? purpose = null)
    {
        var entry = _zip.GetEntry(_prefix + record)
                    ?? throw new WeightsFormatException(FilePath, $"record '{_prefix + record}'{(purpose is null ? "" : $" ({purpose})")} is missing from the archive");
        var length = CheckedLength(entry);
        if (length > Array.MaxLength)
        {
            throw new WeightsFormatException(FilePath, $"record '{entry.FullName}' is {length} bytes, larger than the 2 GB a single storage may have here");
        }
        // Allocated only now that the declared length is known to be backed by the archive's bytes.
        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        try
        {
            using var stream = entry.Open();
            stream.ReadExactly(bytes);
        }
        // The zip reader's failures on damaged data are of many types (InvalidDataException, IOException,
        // NotSupportedException for an unknown compression method, ...): all mean a damaged record.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new WeightsFormatException(FilePath, $"record '{entry.FullName}' is corrupt or truncated: {e.Message}", e);
        }
        // Stored (uncompressed) records, as torch.save writes them, carry no other integrity check:
        // without this an altered storage would load as silently wrong weights.
        var crc = Crc32.Compute(bytes);
        if (crc != entry.Crc32)
        {
            throw new WeightsFormatException(FilePath,
                $"record '{entry.FullName}' is corrupt: its bytes have CRC-32 0x{crc:x8} but the zip directory records 0x{entry.Crc32:x8} (the file was altered or damaged; download or save it again)");
        }
        return bytes;
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>
    /// A zip directory states each entry's sizes; they are believed only as far as the archive can back them:
    /// the stored bytes must fit in the file, and their expansion must stay within the compression limit.
    /// </summary>
    private long CheckedLength(ZipArchiveEntry entry)
    {
        long stored, length;
        try
        {
            stored = entry.CompressedLength;
            length = entry.Length;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            throw new WeightsFormatException(FilePath, $"record '{entry.FullName}' has an unreadable zip header: {e.Message}", e);
        }
        if (stored < 0 || length < 0 || stored > _fileLength)
        {
            throw new WeightsFormatException(FilePath,
                $"record '{entry.FullName}' claims {stored} stored bytes but the whole file has {_fileLength} (a truncated or corrupt zip directory)");
        }
        if (length > Limits.MaxExpandedBytes(stored))
        {
            throw new WeightsFormatException(FilePath,
                $"record '{entry.FullName}' would expand from {stored} compressed bytes to {length}, more than the {Limits.MaxCompressionRatio}x a compressed entry may"
                + ReadLimits.Hint(nameof(ReadLimits.MaxCompressionRatio)));
        }
        return length;
    }

    private static ZipArchive OpenZip(string path, Stream stream, bool leaveOpen)
    {
        Span<byte> magic = stackalloc byte[4];
        var read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position -= read;
        if (read < 4 || magic[0] != (byte)'P' || magic[1] != (byte)'K')
        {
            throw new WeightsFormatException(path, read >= 2 && magic[0] == 0x80 && magic[1] <= 5
                ? "this is PyTorch's legacy (pre-1.6, non-zip) serialization format, which is not supported; re-save it with a newer PyTorch: torch.save(torch.load(path), path)"
                : "not a zip archive, so not a torch.save (.pth/.pt) file");
        }
        ZipArchive? zip = null;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen);
            // The central directory is read on first use of the entries; its damage must surface here.
            _ = zip.Entries.Count;
            return zip;
        }
        // A damaged directory fails in several ways (InvalidDataException, ArgumentOutOfRangeException for an
        // offset past the end, IOException, ...): each means the archive cannot be read.
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            zip?.Dispose();
            throw new WeightsFormatException(path, $"the zip archive is truncated or corrupt ({e.Message})", e);
        }
    }

    private static string TorchScriptHint(ZipArchive zip) =>
        zip.Entries.Any(e => e.FullName.EndsWith("constants.pkl", StringComparison.Ordinal))
            ? " (it looks like a TorchScript archive from torch.jit.save; save model.state_dict() with torch.save instead)"
            : "";

    private bool ReadByteOrder()
    {
        if (_zip.GetEntry(_prefix + "byteorder") is null) return false;
        var order = System.Text.Encoding.ASCII.GetString(ReadRecord("byteorder")).Trim();
        return order switch
        {
            "little" => false,
            "big" => true,
            _ => throw new WeightsFormatException(FilePath, $"unknown byte order '{order}' in record '{_prefix}byteorder'"),
        };
    }
}
