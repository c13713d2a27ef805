using ModelDsl.Torch;
using ModelDsl.Vision.Native;

namespace ModelDsl.Vision;

/// <summary>
/// Decodes JPEG, PNG, BMP, GIF (first frame) and PNM images with stb_image in the native library, and
/// resizes them with Pillow's filters. Pixels come out channel-planar (CHW) as float32 in 0..255.
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
    public static unsafe ImageInfo ReadInfo(ReadOnlySpan<byte> data, string source = "<memory>")
    {
        if (data.IsEmpty) throw new ImageDecodeException(source, "the file is empty");
        int w, h, c;
        fixed (byte* d = data)
        {
            if (VisionNative.mdsl_image_info(d, data.Length, &w, &h, &c) < 0)
            {
                throw new ImageDecodeException(source, VisionNative.LastError());
            }
        }
        return new ImageInfo(w, h, c);
    }

    /// <summary>Loads the image file at <paramref name="path"/> as a [C, H, W] float32 tensor in 0..255.</summary>
    /// <param name="path">The image file.</param>
    /// <param name="color">Channels to decode to.</param>
    /// <param name="size">Size to resize to, or null to keep the stored size.</param>
    /// <param name="interpolation">The resampling filter.</param>
    public static Tensor Load(string path, ColorMode color = ColorMode.Rgb, ImageSize? size = null,
        Interpolation interpolation = Interpolation.Bilinear) =>
        Decode(ReadFile(path), color, size, interpolation, path);

    /// <summary>Decodes <paramref name="data"/> as a [C, H, W] float32 tensor in 0..255.</summary>
    /// <param name="data">The encoded image.</param>
    /// <param name="color">Channels to decode to.</param>
    /// <param name="size">Size to resize to, or null to keep the stored size.</param>
    /// <param name="interpolation">The resampling filter.</param>
    /// <param name="source">How to name the data in an error.</param>
    public static Tensor Decode(ReadOnlySpan<byte> data, ColorMode color = ColorMode.Rgb, ImageSize? size = null,
        Interpolation interpolation = Interpolation.Bilinear, string source = "<memory>")
    {
        var target = size?.Validated(nameof(size)) ?? StoredSize(data, source);
        var pixels = new float[color.Channels() * target.Height * target.Width];
        DecodeInto(data, color, target, interpolation, pixels, source);
        return Tensor.FromArray(pixels, color.Channels(), target.Height, target.Width);
    }

    /// <summary>Decodes into a caller's CHW buffer of exactly channels x height x width floats.</summary>
    internal static unsafe void DecodeInto(ReadOnlySpan<byte> data, ColorMode color, ImageSize size,
        Interpolation interpolation, Span<float> destination, string source)
    {
        if (data.IsEmpty) throw new ImageDecodeException(source, "the file is empty");
        fixed (byte* d = data)
        fixed (float* o = destination)
        {
            var status = VisionNative.mdsl_image_load(d, data.Length, color.Channels(), size.Height, size.Width,
                (int)interpolation, o, destination.Length);
            if (status < 0) throw new ImageDecodeException(source, VisionNative.LastError());
        }
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

    private static ImageSize StoredSize(ReadOnlySpan<byte> data, string source)
    {
        var info = ReadInfo(data, source);
        return new ImageSize(info.Height, info.Width);
    }
}
