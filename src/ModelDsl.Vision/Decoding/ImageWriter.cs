using ModelDsl.Torch;
using ModelDsl.Vision.Native;

namespace ModelDsl.Vision;

/// <summary>Writes images as PNG or JPEG files (stb_image_write in the native library).</summary>
public static class ImageWriter
{
    /// <summary>Writes interleaved 8-bit pixels (height x width x channels; 1 grey, 3 RGB, 4 RGBA) as a PNG.</summary>
    public static unsafe void WritePng(string path, ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        CheckSize(pixels, width, height, channels);
        fixed (byte* p = pixels)
        {
            Check(VisionNative.mdsl_image_write_png(FullPath(path), p, width, height, channels), path);
        }
    }

    /// <summary>Writes interleaved 8-bit pixels as a JPEG of the given quality (1..100).</summary>
    public static unsafe void WriteJpeg(string path, ReadOnlySpan<byte> pixels, int width, int height, int channels, int quality = 90)
    {
        CheckSize(pixels, width, height, channels);
        fixed (byte* p = pixels)
        {
            Check(VisionNative.mdsl_image_write_jpg(FullPath(path), p, width, height, channels, quality), path);
        }
    }

    /// <summary>Writes a [C, H, W] float image in 0..255 (rounded, clamped) as a PNG.</summary>
    public static void WritePng(string path, Tensor image)
    {
        var shape = image.Shape;
        if (shape.Length != 3 || shape[0] is not (1 or 3 or 4))
        {
            throw new ArgumentException($"Expected an image [C, H, W] with 1, 3 or 4 channels, got shape [{string.Join(", ", shape)}].", nameof(image));
        }
        WritePng(path, ToPixels(image), (int)shape[2], (int)shape[1], (int)shape[0]);
    }

    /// <summary>Converts float images [C, H, W] or [N, C, H, W] in 0..255 to interleaved 8-bit pixels [N, H, W, C].</summary>
    public static unsafe byte[] ToPixels(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        long count = 1;
        foreach (var d in images.Shape) count *= d;
        var pixels = new byte[count];
        fixed (byte* p = pixels)
        {
            var status = VisionNative.mdsl_image_to_u8(images.Ptr, p, pixels.Length);
            GC.KeepAlive(images);
            if (status < 0) throw new ArgumentException($"Cannot convert {images} to pixels: {VisionNative.LastError()}", nameof(images));
        }
        return pixels;
    }

    private static void CheckSize(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0 || channels is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Bad image size {width}x{height}x{channels}.");
        }
        if (pixels.Length != (long)width * height * channels)
        {
            throw new ArgumentException($"{pixels.Length} bytes given for a {width}x{height}x{channels} image.", nameof(pixels));
        }
    }

    private static string FullPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (dir is not null) Directory.CreateDirectory(dir);
        return full;
    }

    private static void Check(int status, string path)
    {
        if (status < 0) throw new IOException($"Cannot write image '{path}': {VisionNative.LastError()}");
    }
}
