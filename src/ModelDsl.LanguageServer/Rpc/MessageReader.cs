using System.Globalization;
using System.Text;

namespace ModelDsl.LanguageServer.Rpc;

/// <summary>
/// Reads LSP base-protocol messages: ASCII headers ending in an empty line, then <c>Content-Length</c>
/// bytes of UTF-8 JSON. Returns null at the end of the stream.
/// </summary>
internal sealed class MessageReader(Stream input)
{
    // A header block longer than this is garbage, not a header: stop collecting and report it.
    private const int MaxHeaderBytes = 8192;

    /// <summary>The next message body, or null at the end of input.</summary>
    /// <exception cref="ProtocolException">The headers have no valid Content-Length.</exception>
    public byte[]? Read()
    {
        int? length = null;
        while (true)
        {
            var line = ReadHeaderLine();
            if (line is null) return null;
            if (line.Length == 0)
            {
                // Empty lines before any header are tolerated (some clients send a stray CRLF).
                if (length is null) continue;
                break;
            }
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!int.TryParse(line[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 0)
                    throw new ProtocolException("invalid Content-Length header '" + line + "'");
                length = parsed;
            }
        }
        var body = new byte[length.Value];
        var read = 0;
        while (read < body.Length)
        {
            var n = input.Read(body, read, body.Length - read);
            if (n == 0) return null;
            read += n;
        }
        return body;
    }

    private string? ReadHeaderLine()
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = input.ReadByte();
            if (b < 0) return bytes.Count == 0 ? null : Encoding.ASCII.GetString(bytes.ToArray());
            if (b == '\n')
            {
                if (bytes.Count > 0 && bytes[^1] == '\r') bytes.RemoveAt(bytes.Count - 1);
                return Encoding.ASCII.GetString(bytes.ToArray());
            }
            bytes.Add((byte)b);
            if (bytes.Count > MaxHeaderBytes) throw new ProtocolException("header line longer than " + MaxHeaderBytes + " bytes");
        }
    }
}
