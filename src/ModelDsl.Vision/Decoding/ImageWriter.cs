using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Vision;

/// <summary>Writes images as PNG or JPEG files (SkiaSharp's encoders).</summary>
public static class ImageWriter
{
    /// <summary>Writes interleaved 8-bit pixels (height x width x channels; 1 grey, 3 RGB, 4 RGBA) as a PNG.</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WritePng(string path, ReadOnlySpan<byte> pixels, int width, int height, int channels) =>
        Write(path, pixels, width, height, channels, SKEncodedImageFormat.Png, 100);

    /// <summary>Writes interleaved 8-bit pixels as a JPEG of the given quality (1..100).</summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteJpeg(string path, ReadOnlySpan<byte> pixels, int width, int height, int channels, int quality = 90)
    {
        if (quality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(quality), $"JPEG quality must be in 1..100, got {quality}.");
        if (channels == 4) throw new ArgumentException("JPEG has no alpha channel; give 1 or 3 channels.", nameof(channels));
        Write(path, pixels, width, height, channels, SKEncodedImageFormat.Jpeg, quality);
    }

    /// <summary>Writes a [C, H, W] float image in 0..255 (rounded, clamped) as a PNG.</summary>
    public static void WritePng(string path, Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var shape = image.shape;
        if (shape.Length != 3 || shape[0] is not (1 or 3 or 4))
        {
            throw new ArgumentException($"Expected an image [C, H, W] with 1, 3 or 4 channels, got shape [{string.Join(", ", shape)}].", nameof(image));
        }
        WritePng(path, ToPixels(image), (int)shape[2], (int)shape[1], (int)shape[0]);
    }

    /// <summary>Converts float images [C, H, W] or [N, C, H, W] in 0..255 to interleaved 8-bit pixels [N, H, W, C] (rounded, clamped).</summary>
    public static byte[] ToPixels(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() is not (3 or 4))
        {
            throw new ArgumentException($"Expected images [C, H, W] or [N, C, H, W], got shape [{string.Join(", ", images.shape)}].", nameof(images));
        }
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var batch = images.dim() == 3 ? images.unsqueeze(0) : images;
        var bytes = batch.detach().cpu().round().clamp(0, 255).to(ScalarType.Byte).permute(0, 2, 3, 1).contiguous();
        return bytes.bytes.ToArray();
    }

    private static unsafe void Write(string path, ReadOnlySpan<byte> pixels, int width, int height, int channels,
        SKEncodedImageFormat format, int quality)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckSize(pixels, width, height, channels);
        // Skia has no packed 3-byte colour type: RGB goes in as opaque RGBA (the PNG encoder then writes RGB).
        var rgba = channels == 3 ? Expand(pixels, width * height) : null;
        var info = new SKImageInfo(width, height, channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888,
            channels == 4 ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
        var full = Path.GetFullPath(path);
        fixed (byte* p = rgba ?? pixels)
        {
            using var pixmap = new SKPixmap(info, (IntPtr)p);
            using var encoded = pixmap.Encode(format, quality)
                ?? throw new IOException($"Cannot write image '{path}': the {format} encoder refused a {width}x{height}x{channels} image.");
            var dir = Path.GetDirectoryName(full);
            if (dir is not null) Directory.CreateDirectory(dir);
            using var file = File.Create(full);
            encoded.SaveTo(file);
        }
    }

    private static byte[] Expand(ReadOnlySpan<byte> rgb, int count)
    {
        var rgba = new byte[count * 4];
        for (var i = 0; i < count; i++)
        {
            rgba[i * 4] = rgb[i * 3];
            rgba[i * 4 + 1] = rgb[i * 3 + 1];
            rgba[i * 4 + 2] = rgb[i * 3 + 2];
            rgba[i * 4 + 3] = 255;
        }
        return rgba;
    }

    private static void CheckSize(ReadOnlySpan<byte> pixels, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0 || channels is not (1 or 3 or 4))
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"Bad image size {width}x{height}x{channels} (channels must be 1, 3 or 4).");
        }
        if (pixels.Length != (long)width * height * channels)
        {
            throw new ArgumentException($"{pixels.Length} bytes given for a {width}x{height}x{channels} image.", nameof(pixels));
        }
    }
}
