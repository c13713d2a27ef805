namespace ModelDsl.Vision;

/// <summary>
/// Checks made before any pixel buffer is allocated, so a few bytes claiming a gigapixel, a cut-off file or an
/// impossible header become an <see cref="ImageDecodeException"/> instead of an out-of-memory crash or an
/// image silently padded with grey.
/// </summary>
internal static class DecodeLimits
{
    /// <summary>Pillow's decompression-bomb error threshold (2 x <c>Image.MAX_IMAGE_PIXELS</c>).</summary>
    internal const long MaxPixels = 178_956_970;

    /// <summary>How far from the end of a JPEG its end-of-image marker is looked for (some encoders pad after it).</summary>
    internal const int EndMarkerSearch = 4096;

    /// <summary>Refuses a header whose size cannot be real or exceeds <see cref="MaxPixels"/>.</summary>
    internal static void CheckDimensions(int width, int height, string source)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ImageDecodeException(source, $"the header declares an empty image ({width}x{height})");
        }
        if ((long)width * height > MaxPixels)
        {
            throw new ImageDecodeException(source,
                $"image of {width}x{height} pixels exceeds the limit of {MaxPixels} pixels (a corrupt header or a decompression bomb)");
        }
    }

    /// <summary>Format-specific plausibility of the declared size against the bytes present.</summary>
    internal static void CheckPlausibleSize(EncodedFormat format, int width, int height, long length, string source)
    {
        // stb reads uncompressed BMP rows past the end of the data as zeros; a BMP of at least 4 bits per pixel
        // cannot hold more pixels than twice its bytes, so a larger claim is a corrupt header.
        if (format == EncodedFormat.Bmp && (long)width * height > 2 * length)
        {
            throw new ImageDecodeException(source,
                $"truncated or corrupt BMP: {width}x{height} pixels declared in {length} bytes");
        }
    }

    /// <summary>
    /// Decoders fill the missing rest of a truncated JPEG (or a PNG cut after its last IDAT) with grey instead of
    /// failing; Pillow refuses such files, and so do we: a silently grey image poisons training.
    /// </summary>
    internal static void CheckComplete(EncodedFormat format, ReadOnlySpan<byte> data, string source)
    {
        switch (format)
        {
            case EncodedFormat.Jpeg:
                // The end-of-image marker, allowing for padding some encoders append after it.
                var tail = data[Math.Max(2, data.Length - EndMarkerSearch)..];
                if (tail.LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) < 0)
                {
                    throw new ImageDecodeException(source, "truncated JPEG: no end-of-image marker");
                }
                break;
            case EncodedFormat.Png:
                if (data[Math.Max(8, data.Length - 64)..].LastIndexOf("IEND"u8) < 0)
                {
                    throw new ImageDecodeException(source, "truncated PNG: no IEND chunk");
                }
                break;
        }
    }
}
