using System.Buffers.Binary;
using System.Text.Json;

namespace ModelDsl.Transfer.Weights.Safetensors;

/// <summary>Writes a safetensors file: header padded with spaces to 8 bytes, then each tensor's bytes in order.</summary>
internal static class SafetensorsWriter
{
    public static void Write(Stream output, IReadOnlyList<TensorData> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var header = Header(tensors, metadata);
        var padded = (header.Length + 7) / 8 * 8;
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)padded);
        output.Write(prefix);
        output.Write(header);
        for (var i = header.Length; i < padded; i++) output.WriteByte((byte)' ');
        foreach (var tensor in tensors) output.Write(tensor.Data.Span);
    }

    private static byte[] Header(IReadOnlyList<TensorData> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var tensor in tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.Type.SafetensorsName());
                json.WriteStartArray("shape");
                foreach (var d in tensor.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += tensor.Data.Length;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
