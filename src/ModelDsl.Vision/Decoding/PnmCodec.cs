namespace ModelDsl.Vision;

/// <summary>
/// Binary PGM (P5) and PPM (P6) with 8-bit samples: a header of ASCII numbers and raw pixels, small enough to
/// read here (StbImageSharp leaves PNM out).
/// </summary>
internal static class PnmCodec
{
    internal static ImageInfo ReadInfo(ReadOnlySpan<byte> data, string source)
    {
        var header = ParseHeader(data, source);
        return new ImageInfo(header.Width, header.Height, header.Channels);
    }

    internal static DecodedImage Decode(ReadOnlySpan<byte> data, string source)
    {
        var header = ParseHeader(data, source);
        DecodeLimits.CheckDimensions(header.Width, header.Height, source);
        var length = (long)header.Width * header.Height * header.Channels;
        if (data.Length - header.DataOffset < length)
        {
            throw new ImageDecodeException(source,
                $"truncated PNM: {header.Width}x{header.Height}x{header.Channels} bytes declared, {data.Length - header.DataOffset} present");
        }
        return new DecodedImage(data.Slice(header.DataOffset, (int)length).ToArray(), header.Width, header.Height, header.Channels);
    }

    private readonly record struct Header(int Width, int Height, int Channels, int DataOffset);

    private static Header ParseHeader(ReadOnlySpan<byte> data, string source)
    {
        var channels = data[1] == (byte)'5' ? 1 : 3;
        var position = 2;
        var width = ReadNumber(data, ref position, source);
        var height = ReadNumber(data, ref position, source);
        var maxValue = ReadNumber(data, ref position, source);
        if (maxValue != 255)
        {
            throw new ImageDecodeException(source, $"PNM with maximum value {maxValue} is not supported (only 8-bit samples, maximum 255)");
        }
        // Exactly one whitespace byte separates the header from the samples.
        if (position >= data.Length || !IsSpace(data[position])) throw new ImageDecodeException(source, "corrupt PNM header");
        return new Header(width, height, channels, position + 1);
    }

    private static int ReadNumber(ReadOnlySpan<byte> data, ref int position, string source)
    {
        while (position < data.Length && (IsSpace(data[position]) || data[position] == (byte)'#'))
        {
            if (data[position] == (byte)'#')
            {
                while (position < data.Length && data[position] != (byte)'\n') position++;
            }
            else
            {
                position++;
            }
        }
        long value = 0;
        var start = position;
        while (position < data.Length && data[position] is >= (byte)'0' and <= (byte)'9' && value <= int.MaxValue)
        {
            value = value * 10 + (data[position++] - '0');
        }
        if (position == start || value > int.MaxValue) throw new ImageDecodeException(source, "corrupt PNM header");
        return (int)value;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
}
