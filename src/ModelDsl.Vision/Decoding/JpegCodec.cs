using System.Buffers;
using SkiaSharp;

namespace ModelDsl.Vision;

/// <summary>
/// JPEG through SkiaSharp, whose codec is libjpeg-turbo with its default (slow integer) IDCT and fancy chroma
/// upsampling: the decoder and settings Pillow uses, so pixels equal Pillow's (measured: 0 difference on the
/// test fixtures, where StbImageSharp's IDCT and upsampling differ by up to 2 levels). It is also several
/// times faster than a managed decoder, which matters for image-folder training.
/// </summary>
/// <remarks>
/// A file cut short with its end-of-image marker put back is not caught by the marker check: libjpeg meets the marker
/// inside the entropy-coded data, warns "premature end of data segment" and fills the rest with grey, and Skia does
/// not pass that warning on. For a single-scan sequential JPEG (what cameras, Skia and Pillow write by default) the
/// decoder is therefore given the data without its final marker, followed by a few zero bytes for its bit-buffer
/// read-ahead: a complete file never needs more than its last MCU's bits, while a cut one runs out of data and the
/// decoder reports <see cref="SKCodecResult.IncompleteInput"/>. Progressive and multi-scan files are decoded as they
/// are (their scans must be read to the end marker).
/// </remarks>
internal static class JpegCodec
{
    // libjpeg fills its 64-bit bit buffer up to 57 bits ahead: at most 8 bytes past the last MCU.
    private const int ReadAheadPadding = 8;

    internal static unsafe ImageInfo ReadInfo(ReadOnlySpan<byte> data, string source)
    {
        using var codec = Open(data, source);
        return new ImageInfo(codec.Info.Width, codec.Info.Height, IsGrey(codec) ? 1 : 3);
    }

    internal static unsafe DecodedImage Decode(ReadOnlySpan<byte> data, string source)
    {
        var layout = JpegLayout.Read(data);
        var checkEnd = layout.IsSingleSequentialScan;
        using var codec = checkEnd ? OpenWithoutEndMarker(data[..layout.EndOfImage], source) : Open(data, source);
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        DecodeLimits.CheckDimensions(width, height, source);
        var grey = IsGrey(codec);
        // Skia has no packed 3-byte colour type: decode to RGBA (opaque for JPEG), then drop the alpha byte.
        var info = new SKImageInfo(width, height, grey ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Opaque);
        if (info.BytesSize64 > Array.MaxLength) throw TooLarge(width, height, source);
        // The RGBA staging buffer is pooled: a fresh large array per image would churn the large-object heap.
        var decoded = grey ? new byte[info.BytesSize] : ArrayPool<byte>.Shared.Rent(info.BytesSize);
        try
        {
            SKCodecResult result;
            fixed (byte* p = decoded) result = codec.GetPixels(info, (IntPtr)p);
            if (result == SKCodecResult.IncompleteInput && checkEnd)
            {
                throw new ImageDecodeException(source,
                    "truncated JPEG: its image data ends before the last row (an end-of-image marker where data should be; libjpeg's \"premature end of data segment\")");
            }
            if (result != SKCodecResult.Success)
            {
                // IncompleteInput and ErrorInInput still hand back pixels, partly grey: refused like Pillow's truncation error.
                throw new ImageDecodeException(source, $"corrupt or truncated JPEG ({Describe(result)})");
            }
            if (grey) return new DecodedImage(decoded, width, height, 1);
            var rgb = new byte[(long)width * height * 3];
            for (long i = 0, n = (long)width * height; i < n; i++)
            {
                rgb[i * 3] = decoded[i * 4];
                rgb[i * 3 + 1] = decoded[i * 4 + 1];
                rgb[i * 3 + 2] = decoded[i * 4 + 2];
            }
            return new DecodedImage(rgb, width, height, 3);
        }
        finally
        {
            if (!grey) ArrayPool<byte>.Shared.Return(decoded);
        }
    }

    private static SKCodec Open(ReadOnlySpan<byte> data, string source)
    {
        using var skData = SKData.CreateCopy(data);
        return SKCodec.Create(skData) ?? throw new ImageDecodeException(source, "corrupt JPEG: its header cannot be read");
    }

    private static unsafe SKCodec OpenWithoutEndMarker(ReadOnlySpan<byte> beforeEnd, string source)
    {
        using var skData = SKData.Create(beforeEnd.Length + ReadAheadPadding);
        var copy = new Span<byte>((void*)skData.Data, beforeEnd.Length + ReadAheadPadding);
        beforeEnd.CopyTo(copy);
        copy[beforeEnd.Length..].Clear();
        return SKCodec.Create(skData) ?? throw new ImageDecodeException(source, "corrupt JPEG: its header cannot be read");
    }

    private static bool IsGrey(SKCodec codec) => codec.Info.ColorType == SKColorType.Gray8;

    private static ImageDecodeException TooLarge(int width, int height, string source) =>
        new(source, $"image of {width}x{height} pixels is too large to decode in one buffer");

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the data ends early",
        SKCodecResult.ErrorInInput => "the data is corrupt",
        SKCodecResult.InvalidInput => "not a valid JPEG",
        SKCodecResult.Unimplemented => "an unsupported JPEG variant",
        _ => result.ToString(),
    };
}
