using System.Buffers.Binary;
using System.Text.Json;

namespace ModelDsl.Transfer.Weights.Safetensors;

/// <summary>
/// Reads a safetensors file: an 8-byte little-endian header length, a JSON header mapping each tensor
/// name to <c>dtype</c>, <c>shape</c> and <c>data_offsets</c> (relative to the end of the header), optional
/// string <c>__metadata__</c>, then the raw bytes. Tensors are read one by one from the stream.
/// </summary>
internal static class SafetensorsReader
{
    // The reference implementation refuses headers above 100 MB; a larger length means a corrupt file.
    private const long MaxHeaderLength = 100_000_000;

    /// <summary>Reads from a seekable stream positioned at the start; <paramref name="path"/> names the source in messages.</summary>
    public static StateDict Read(Stream stream, string path)
    {
        var header = ReadHeader(path, stream);
        var dataStart = 8 + header.Length;
        var dataLength = stream.Length - dataStart;

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
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new WeightsFormatException(path, "the safetensors header is not a JSON object");
            }
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var tensors = new List<TensorData>();
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    ReadMetadata(path, property.Value, metadata);
                    continue;
                }
                var entry = SafetensorsEntry.Parse(path, property.Name, property.Value);
                if (entry.End > dataLength)
                {
                    throw new WeightsFormatException(path,
                        $"truncated: tensor '{entry.Name}' ends at data byte {entry.End} but the file holds only {dataLength} data bytes");
                }
                var bytes = GC.AllocateUninitializedArray<byte>(checked((int)(entry.End - entry.Begin)));
                stream.Position = dataStart + entry.Begin;
                try
                {
                    stream.ReadExactly(bytes);
                }
                catch (EndOfStreamException e)
                {
                    throw new WeightsFormatException(path, $"truncated: the data of tensor '{entry.Name}' ends early", e);
                }
                tensors.Add(new TensorData(entry.Name, entry.Type, entry.Shape, bytes));
            }
            return new StateDict(tensors, metadata);
        }
    }

    private static byte[] ReadHeader(string path, Stream stream)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
        {
            throw new WeightsFormatException(path, "too short for a safetensors file (no 8-byte header length)");
        }
        var length = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (length > MaxHeaderLength || (long)length > stream.Length - 8)
        {
            throw new WeightsFormatException(path,
                $"the safetensors header length {length} does not fit in the {stream.Length}-byte file (not a safetensors file, or truncated)");
        }
        var header = new byte[length];
        stream.ReadExactly(header);
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
