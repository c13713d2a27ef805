using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Vision;

/// <summary>
/// Decodes JPEG (SkiaSharp's libjpeg-turbo, as Pillow), PNG, BMP, GIF (first frame; StbImageSharp) and binary
/// PNM images, and resizes them with Pillow's filters. Pixels come out channel-planar (CHW) as float32 in 0..255.
/// </summary>
/// <remarks>Every failure is an <see cref="ImageDecodeException"/> naming the file; nothing crashes the process.</remarks>
public static class ImageDecoder
{
    /// <summary>File extensions the decoder reads (lower case, with the dot).</summary>
    public static IReadOnlySet<string> SupportedExtensions { get; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".bmp", ".gif", ".ppm", ".pgm" };

    /// <summary>Reads only the header of <paramref name="data"/>.</summary>
    /// <param name="data">The encoded image.</param>
    /// <param name="source">How to name the data in an error (usually its path).</param>
    /// <exception cref="ImageDecodeException">The data is empty, of an unknown format or has a corrupt header.</exception>
    public static ImageInfo ReadInfo(ReadOnlySpan<byte> data, string source = "<memory>") => Detect(data, source) switch
    {
        EncodedFormat.Jpeg => JpegCodec.ReadInfo(data, source),
        EncodedFormat.Pnm => PnmCodec.ReadInfo(data, source),
        _ => StbCodec.ReadInfo(data, source),
    };

    /// <summary>Loads the image file at <paramref name="path"/> as a [C, H, W] float32 tensor in 0..255.</summary>
    /// <param name="path">The image file.</param>
    /// <param name="color">Channels to decode to.</param>
    /// <param name="size">Size to resize to, or null to keep the stored size.</param>
    /// <param name="interpolation">The resampling filter.</param>
    /// <exception cref="ImageDecodeException">The file cannot be read or decoded; the message names it.</exception>
    public static Tensor Load(string path, ColorMode color = ColorMode.Rgb, ImageSize? size = null,
        Interpolation interpolation = Interpolation.Bilinear) =>
        Decode(ReadFile(path), color, size, interpolation, path);

    /// <summary>Decodes <paramref name="data"/> as a [C, H, W] float32 tensor in 0..255.</summary>
    /// <param name="data">The encoded image.</param>
    /// <param name="color">Channels to decode to.</param>
    /// <param name="size">Size to resize to, or null to keep the stored size.</param>
    /// <param name="interpolation">The resampling filter.</param>
    /// <param name="source">How to name the data in an error.</param>
    /// <exception cref="ImageDecodeException">The data cannot be decoded; the message names <paramref name="source"/>.</exception>
    public static Tensor Decode(ReadOnlySpan<byte> data, ColorMode color = ColorMode.Rgb, ImageSize? size = null,
        Interpolation interpolation = Interpolation.Bilinear, string source = "<memory>")
    {
        size?.Validated(nameof(size));
        var image = DecodePixels(data, color, size, interpolation, source);
        var channels = color.Channels();
        var planar = new float[image.Pixels.LongLength];
        WritePlanar(image, planar);
        return torch.tensor(planar, [channels, image.Height, image.Width]);
    }

    /// <summary>Decodes into a caller's CHW buffer of exactly channels x height x width floats.</summary>
    internal static void DecodeInto(ReadOnlySpan<byte> data, ColorMode color, ImageSize size,
        Interpolation interpolation, Span<float> destination, string source)
    {
        var image = DecodePixels(data, color, size, interpolation, source);
        WritePlanar(image, destination);
    }

    /// <summary>Reads a whole file, turning I/O failures into <see cref="ImageDecodeException"/>.</summary>
    internal static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, e.Message, e);
        }
    }

    private static DecodedImage DecodePixels(ReadOnlySpan<byte> data, ColorMode color, ImageSize? size,
        Interpolation interpolation, string source)
    {
        if (!Enum.IsDefined(interpolation)) throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "Unknown interpolation.");
        var channels = color.Channels();
        var format = Detect(data, source);
        DecodeLimits.CheckComplete(format, data, source);
        var image = format switch
        {
            EncodedFormat.Jpeg => JpegCodec.Decode(data, source),
            EncodedFormat.Pnm => PnmCodec.Decode(data, source),
            _ => DecodeWithStb(data, format, channels, source),
        };
        image = PixelConversion.ToChannels(image, channels);
        return size is { } target ? PillowResampler.Resize(image, target, interpolation) : image;
    }

    private static DecodedImage DecodeWithStb(ReadOnlySpan<byte> data, EncodedFormat format, int channels, string source)
    {
        // The header first, so an impossible or gigantic size is refused before the decoder allocates for it.
        var info = StbCodec.ReadInfo(data, source);
        DecodeLimits.CheckDimensions(info.Width, info.Height, source);
        DecodeLimits.CheckPlausibleSize(format, info.Width, info.Height, data.Length, source);
        // Grey output keeps the stored channels and converts with Pillow's weights rather than stb's.
        return StbCodec.Decode(data, rgb: channels == 3, source);
    }

    private static EncodedFormat Detect(ReadOnlySpan<byte> data, string source)
    {
        if (data.IsEmpty) throw new ImageDecodeException(source, "the file is empty");
        var format = FormatSniffer.Detect(data);
        if (format == EncodedFormat.Unknown)
        {
            throw new ImageDecodeException(source, $"unsupported or unrecognised image format (supported: {FormatSniffer.SupportedList})");
        }
        return format;
    }

    private static void WritePlanar(DecodedImage image, Span<float> destination)
    {
        var plane = image.Width * image.Height;
        var channels = image.Channels;
        if (destination.Length != plane * channels)
        {
            throw new ArgumentException($"A buffer of {destination.Length} floats cannot hold a {channels}x{image.Height}x{image.Width} image.", nameof(destination));
        }
        var pixels = image.Pixels;
        for (var c = 0; c < channels; c++)
        {
            var planeOut = destination.Slice(c * plane, plane);
            for (var i = 0; i < plane; i++) planeOut[i] = pixels[i * channels + c];
        }
    }
}
