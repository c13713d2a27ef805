using System.Buffers.Binary;
using System.Text.Json;

namespace ModelDsl.Transfer.Weights.Safetensors;

/// <summary>
/// Opens a safetensors file: an 8-byte little-endian header length, a JSON header mapping each tensor
/// name to <c>dtype</c>, <c>shape</c> and <c>data_offsets</c> (relative to the end of the header), optional
/// string <c>__metadata__</c>, then the raw bytes. The header is read at once, each tensor when enumerated.
/// </summary>
internal static class SafetensorsReader
{
    /// <summary>Opens from a seekable stream at position 0; <paramref name="path"/> names the source in messages.</summary>
    public static WeightsReader Open(Stream stream, string path, bool leaveOpen, ReadLimits limits)
    {
        try
        {
            var header = ReadHeader(path, stream, limits);
            var dataStart = 8 + header.Length;
            var (entries, metadata) = ParseHeader(path, header, stream.Length - dataStart, limits);
            var infos = entries.Select(e => new TensorInfo(e.Name, e.Type, e.Shape)).ToList();
            return new WeightsReader(path, infos, metadata, include => ReadEntries(stream, path, dataStart, entries, include),
                leaveOpen ? NoOwnership.Instance : stream);
        }
        catch
        {
            if (!leaveOpen) stream.Dispose();
            throw;
        }
    }

    private static IEnumerable<(int, TensorData)> ReadEntries(Stream stream, string path, long dataStart, List<SafetensorsEntry> entries, Func<int, bool> include)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (!include(i)) continue;
            var entry = entries[i];
            var length = entry.End - entry.Begin;
            if (length > Array.MaxLength)
            {
                throw new WeightsFormatException(path,
                    $"tensor '{entry.Name}' of shape {TensorData.FormatShape(entry.Shape)} is {length} bytes, larger than the 2 GB a single tensor may have here");
            }
            var bytes = GC.AllocateUninitializedArray<byte>((int)length);
            stream.Position = dataStart + entry.Begin;
            try
            {
                stream.ReadExactly(bytes);
            }
            catch (EndOfStreamException e)
            {
                throw new WeightsFormatException(path, $"truncated: the data of tensor '{entry.Name}' ends early", e);
            }
            catch (IOException e)
            {
                throw new WeightsFormatException(path, $"cannot read the data of tensor '{entry.Name}': {e.Message}", e);
            }
            yield return (i, new TensorData(entry.Name, entry.Type, entry.Shape, bytes));
        }
    }

    private static (List<SafetensorsEntry>, Dictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength, ReadLimits limits)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw new WeightsFormatException(path, $"the safetensors header is not valid JSON: {e.Message}", e);
        }
        using (json)
        {
            try
            {
                return ReadEntries(path, json, dataLength, limits);
            }
            // JsonDocument checks the structure but decodes names and strings only when asked: invalid
            // UTF-8 inside one surfaces here.
            catch (InvalidOperationException e)
            {
                throw new WeightsFormatException(path, $"the safetensors header is not valid UTF-8 JSON: {e.Message}", e);
            }
        }
    }

    private static (List<SafetensorsEntry>, Dictionary<string, string>) ReadEntries(string path, JsonDocument json, long dataLength, ReadLimits limits)
    {
        if (json.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new WeightsFormatException(path, "the safetensors header is not a JSON object");
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<SafetensorsEntry>();
        // A set, not a scan of the entries: a 100 MB header can name a million tensors.
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sawMetadata = false;
        foreach (var property in json.RootElement.EnumerateObject())
        {
            if (property.Name == "__metadata__")
            {
                if (sawMetadata) throw new WeightsFormatException(path, "the safetensors header has two __metadata__ entries");
                sawMetadata = true;
                ReadMetadata(path, property.Value, metadata);
                continue;
            }
            if (!names.Add(property.Name))
            {
                throw new WeightsFormatException(path, $"the safetensors header names tensor '{property.Name}' twice");
            }
            var entry = SafetensorsEntry.Parse(path, property.Name, property.Value);
            if (entry.End > dataLength)
            {
                throw new WeightsFormatException(path,
                    $"truncated: tensor '{entry.Name}' ends at data byte {entry.End} but the file holds only {dataLength} data bytes");
            }
            entries.Add(entry);
        }
        // The tiling check below makes the tensors' bytes exactly the data bytes present, which the file backs.
        if (dataLength > limits.MaxTotalTensorBytes)
        {
            throw new WeightsFormatException(path,
                $"the tensors hold {dataLength} bytes, more than the {limits.MaxTotalTensorBytes} a file may{ReadLimits.Hint(nameof(ReadLimits.MaxTotalTensorBytes))}");
        }
        CheckTiling(path, entries, dataLength);
        return (entries, metadata);
    }

    /// <summary>
    /// Like the reference implementation, requires the byte ranges, sorted, to cover the data exactly once:
    /// an overlap would alias two tensors' bytes, and a gap or tail would be bytes no tensor accounts for.
    /// </summary>
    private static void CheckTiling(string path, List<SafetensorsEntry> entries, long dataLength)
    {
        long next = 0;
        string? previous = null;
        foreach (var entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin != next)
            {
                throw new WeightsFormatException(path, entry.Begin < next
                    ? $"tensor '{entry.Name}' has data_offsets [{entry.Begin}, {entry.End}] overlapping tensor '{previous}', which ends at {next}"
                    : $"tensor '{entry.Name}' has data_offsets [{entry.Begin}, {entry.End}] leaving a gap of {entry.Begin - next} bytes after {(previous is null ? "the header" : $"tensor '{previous}'")}");
            }
            next = entry.End;
            previous = entry.Name;
        }
        if (next != dataLength)
        {
            throw new WeightsFormatException(path,
                $"the tensors cover {next} data bytes but the file holds {dataLength}: {dataLength - next} trailing bytes belong to no tensor (a corrupt or incompletely written file)");
        }
    }

    private static byte[] ReadHeader(string path, Stream stream, ReadLimits limits)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
        {
            throw new WeightsFormatException(path, "too short for a safetensors file (no 8-byte header length)");
        }
        var length = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (length > (ulong)(stream.Length - 8))
        {
            throw new WeightsFormatException(path,
                $"the safetensors header length {length} does not fit in the {stream.Length}-byte file (not a safetensors file, or truncated)");
        }
        if ((long)length > limits.MaxSafetensorsHeaderBytes)
        {
            throw new WeightsFormatException(path,
                $"the safetensors header is {length} bytes, more than the {limits.MaxSafetensorsHeaderBytes} read{ReadLimits.Hint(nameof(ReadLimits.MaxSafetensorsHeaderBytes))}");
        }
        var header = new byte[length];
        try
        {
            stream.ReadExactly(header);
        }
        catch (IOException e)
        {
            throw new WeightsFormatException(path, $"cannot read the safetensors header: {e.Message}", e);
        }
        return header;
    }

    private static void ReadMetadata(string path, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new WeightsFormatException(path, "__metadata__ must be an object of strings");
        }
        foreach (var item in value.EnumerateObject())
        {
            metadata[item.Name] = item.Value.ValueKind == JsonValueKind.String
                ? item.Value.GetString()!
                : throw new WeightsFormatException(path, $"__metadata__ value '{item.Name}' is not a string");
        }
    }
}
