using System.Text.Json;
using ModelDsl.Torch;

namespace ModelDsl.Training.Checkpoints;

/// <summary>
/// A training checkpoint on disk: named tensors (model state, optimizer state), the last completed epoch and
/// named numbers callbacks keep across a resume (e.g. the best monitored value).
/// Layout: the ASCII magic <c>MDSLCKP1</c>, a little-endian int32 length and a JSON header (epoch, values, and
/// per tensor its name, dtype, shape and byte count), the raw tensor bytes in header order, and the end marker
/// <c>MDSLEND1</c>. Files are written to a temporary sibling, flushed to disk and renamed over the target,
/// so a reader sees the previous checkpoint or the new one, never a partial file.
/// </summary>
public static class CheckpointFile
{
    private static readonly byte[] Magic = "MDSLCKP1"u8.ToArray();
    private static readonly byte[] EndMarker = "MDSLEND1"u8.ToArray();

    private sealed record Entry(string Name, int DType, long[] Shape, long Bytes);

    private sealed record Header(int Epoch, Entry[] Tensors, Dictionary<string, double>? Values = null);

    /// <summary>Writes <paramref name="tensors"/>, <paramref name="epoch"/> and <paramref name="values"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="epoch">The last completed epoch (0-based).</param>
    /// <param name="tensors">Named tensors (copied out one at a time).</param>
    /// <param name="values">Named finite numbers to keep with the checkpoint (optional).</param>
    public static void Save(string path, int epoch, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, double>? values = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var list = tensors.ToList();
        var kept = values?.Where(kv => double.IsFinite(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        // The header needs only shapes and dtypes, so tensors are copied out one at a time while writing.
        var header = new Header(epoch, [.. list.Select(kv => new Entry(kv.Key, (int)kv.Value.DType, kv.Value.Shape, kv.Value.Numel * kv.Value.DType.ElementSize()))], kept);
        var json = JsonSerializer.SerializeToUtf8Bytes(header);

        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        // The temporary name starts with '.' and ends in '.tmp' so globbing for checkpoints skips it.
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                file.Write(Magic);
                file.Write(BitConverter.GetBytes(json.Length));
                file.Write(json);
                foreach (var (_, tensor) in list)
                {
                    using var scope = DisposeScope.Begin();
                    file.Write(tensor.Detach().Contiguous().ToBytes());
                }
                file.Write(EndMarker);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Reads a checkpoint; the tensors are owned by the caller (or the current dispose scope).</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint, or is truncated or inconsistent; the message names it.</exception>
    public static CheckpointContents Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        var bytes = File.ReadAllBytes(path);
        var span = bytes.AsSpan();
        var prefix = Math.Min(span.Length, Magic.Length);
        if (prefix == 0 || !span[..prefix].SequenceEqual(Magic.AsSpan(0, prefix)))
        {
            throw new InvalidDataException($"'{path}' is not a ModelDsl checkpoint (it does not start with MDSLCKP1).");
        }
        if (span.Length < Magic.Length + 4 + EndMarker.Length || !span[^EndMarker.Length..].SequenceEqual(EndMarker))
        {
            throw new InvalidDataException($"Checkpoint '{path}' is truncated: its end marker is missing.");
        }
        var jsonLength = BitConverter.ToInt32(bytes, Magic.Length);
        var dataStart = Magic.Length + 4 + (long)jsonLength;
        if (jsonLength <= 0 || dataStart > bytes.Length - EndMarker.Length)
        {
            throw new InvalidDataException($"Checkpoint '{path}' has a header length of {jsonLength} bytes, beyond the file's {bytes.Length}.");
        }
        Header header;
        try
        {
            header = JsonSerializer.Deserialize<Header>(span.Slice(Magic.Length + 4, jsonLength))
                ?? throw new InvalidDataException($"Checkpoint '{path}' has an empty header.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Checkpoint '{path}' has a corrupt header: {e.Message}", e);
        }
        var expected = dataStart + header.Tensors.Sum(t => t.Bytes) + EndMarker.Length;
        if (expected != bytes.Length)
        {
            throw new InvalidDataException($"Checkpoint '{path}' should be {expected} bytes from its header but is {bytes.Length}.");
        }
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var offset = (int)dataStart;
        try
        {
            foreach (var t in header.Tensors)
            {
                tensors.Add(t.Name, Tensor.FromBytes(span.Slice(offset, (int)t.Bytes), (DType)t.DType, t.Shape));
                offset += (int)t.Bytes;
            }
        }
        catch (Exception e) when (e is ArgumentException or TorchException)
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw new InvalidDataException($"Checkpoint '{path}' holds an inconsistent tensor: {e.Message}", e);
        }
        return new CheckpointContents(header.Epoch, tensors, header.Values ?? new Dictionary<string, double>(StringComparer.Ordinal));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover .tmp file is harmless and never mistaken for a checkpoint.
        }
    }
}
