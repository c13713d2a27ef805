namespace ModelDsl.Vision;

/// <summary>The container formats the decoder reads, told apart by their leading bytes.</summary>
internal enum EncodedFormat
{
    Unknown,
    Jpeg,
    Png,
    Gif,
    Bmp,
    Pnm,
}

/// <summary>Names the format of encoded data from its signature, never from a file name.</summary>
internal static class FormatSniffer
{
    /// <summary>What a user is told the decoder supports.</summary>
    internal const string SupportedList = "JPEG, PNG, BMP, GIF, PNM";

    // Dispatching on signatures (not on "whatever a decoder accepts") matters: stb's TGA probe accepts almost
    // any bytes, so garbage would otherwise "decode" as a TGA image instead of being refused.
    internal static EncodedFormat Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return EncodedFormat.Jpeg;
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return EncodedFormat.Png;
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)) return EncodedFormat.Gif;
        if (data.StartsWith("BM"u8)) return EncodedFormat.Bmp;
        if (data.StartsWith("P5"u8) || data.StartsWith("P6"u8)) return EncodedFormat.Pnm;
        return EncodedFormat.Unknown;
    }
}
