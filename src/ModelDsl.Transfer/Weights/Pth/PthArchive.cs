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

    private PthArchive(string path, ZipArchive zip, string prefix)
    {
        FilePath = path;
        _zip = zip;
        _prefix = prefix;
        BigEndian = ReadByteOrder();
    }

    public string FilePath { get; }

    /// <summary>True when the <c>byteorder</c> record says the storages were written big-endian.</summary>
    public bool BigEndian { get; }

    /// <summary>Opens a zip archive from a seekable stream; <paramref name="path"/> names it in messages.</summary>
    public static PthArchive Open(Stream stream, string path, bool leaveOpen)
    {
        try
        {
            var zip = OpenZip(path, stream, leaveOpen);
            var pickle = zip.Entries.FirstOrDefault(e => e.Name == "data.pkl"
                                                         && e.FullName.Count(c => c == '/') <= 1)
                         ?? throw new WeightsFormatException(path, "the zip archive has no data.pkl record, so it is not a torch.save file" + TorchScriptHint(zip));
            return new PthArchive(path, zip, pickle.FullName[..^"data.pkl".Length]);
        }
        catch
        {
            if (!leaveOpen) stream.Dispose();
            throw;
        }
    }

    public string RecordName(string record) => _prefix + record;

    /// <summary>Reads a whole record (data.pkl, a storage).</summary>
    public byte[] ReadRecord(string record, string? purpose = null)
    {
        var entry = _zip.GetEntry(_prefix + record)
                    ?? throw new WeightsFormatException(FilePath, $"record '{_prefix + record}'{(purpose is null ? "" : $" ({purpose})")} is missing from the archive");
        if (entry.Length > Array.MaxLength)
        {
            throw new WeightsFormatException(FilePath, $"record '{entry.FullName}' is {entry.Length} bytes, larger than the 2 GB a single storage may have here");
        }
        var bytes = GC.AllocateUninitializedArray<byte>((int)entry.Length);
        try
        {
            using var stream = entry.Open();
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
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
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen);
        }
        catch (InvalidDataException e)
        {
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
