using ModelDsl.Vision.Tests.Support;

namespace ModelDsl.Vision.Tests;

public sealed class DecodeTests
{
    [Fact]
    public void Png_written_by_the_test_decodes_to_exact_pixels_in_chw_order()
    {
        using var tmp = new TempFolder();
        // 3 wide, 2 high, RGB: every byte distinct so any transposition shows.
        byte[] hwc = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18];
        var path = tmp.Write("known.png", hwc, 3, 2, 3);

        using var image = ImageDecoder.Load(path);

        Assert.Equal([3L, 2, 3], image.shape);
        // Channel planes: all reds, then greens, then blues.
        Assert.Equal([1f, 4, 7, 10, 13, 16, 2, 5, 8, 11, 14, 17, 3, 6, 9, 12, 15, 18], image.Floats());
    }

    [Theory]
    [InlineData("png")]
    [InlineData("bmp")]
    [InlineData("gif")]
    public void Lossless_formats_decode_exactly_as_pillow_does(string extension)
    {
        using var image = ImageDecoder.Load(Reference.PathOf($"pattern.{extension}"));

        var actual = Reference.ToHwc(image.Floats(), 3, Reference.Height, Reference.Width);
        Assert.Equal(Reference.Pixels(extension), actual);
    }

    [Fact]
    public void Jpeg_decodes_exactly_as_pillow_does()
    {
        // Tolerance 0: JPEG goes through SkiaSharp's libjpeg-turbo with Pillow's settings (integer IDCT, fancy
        // upsampling). Measured on this fixture, StbImageSharp's decoder would differ by max 2, mean 0.116 levels.
        using var image = ImageDecoder.Load(Reference.PathOf("pattern.jpg"));

        var actual = Reference.ToHwc(image.Floats(), 3, Reference.Height, Reference.Width);
        Assert.Equal(0, Reference.MaxAbsDiff(Reference.Pixels("jpg"), actual));
    }

    [Fact]
    public void Jpeg_to_grayscale_uses_pillows_luma_of_the_decoded_pixels()
    {
        using var image = ImageDecoder.Load(Reference.PathOf("pattern.jpg"), ColorMode.Grayscale);

        Assert.Equal(Reference.Pixels("jpg_gray"), Reference.ToHwc(image.Floats(), 1, Reference.Height, Reference.Width));
    }

    [Fact]
    public void Binary_ppm_and_pgm_decode_exactly_as_pillow_does()
    {
        using var ppm = ImageDecoder.Load(Reference.PathOf("pattern.ppm"));
        using var pgm = ImageDecoder.Load(Reference.PathOf("pattern.pgm"));

        Assert.Equal(Reference.Pixels("ppm"), Reference.ToHwc(ppm.Floats(), 3, Reference.Height, Reference.Width));
        // A stored grey image asked for as RGB is replicated, as Pillow's convert("RGB").
        Assert.Equal(Reference.Pixels("pgm_rgb"), Reference.ToHwc(pgm.Floats(), 3, Reference.Height, Reference.Width));
        Assert.Equal(new ImageInfo(Reference.Width, Reference.Height, 1), ImageDecoder.ReadInfo(File.ReadAllBytes(Reference.PathOf("pattern.pgm"))));
    }

    [Fact]
    public void Grayscale_uses_pillows_luma_weights_exactly()
    {
        using var image = ImageDecoder.Load(Reference.PathOf("pattern.png"), ColorMode.Grayscale);

        Assert.Equal([1L, Reference.Height, Reference.Width], image.shape);
        Assert.Equal(Reference.Pixels("gray"), Reference.ToHwc(image.Floats(), 1, Reference.Height, Reference.Width));
    }

    [Theory]
    [InlineData("bilinear_9x13", 9, 13, Interpolation.Bilinear)]
    [InlineData("bilinear_40x31", 40, 31, Interpolation.Bilinear)]
    [InlineData("bilinear_17x8", 17, 8, Interpolation.Bilinear)]
    [InlineData("torchvision_9x13", 9, 13, Interpolation.Bilinear)]
    [InlineData("nearest_9x13", 9, 13, Interpolation.Nearest)]
    [InlineData("nearest_40x31", 40, 31, Interpolation.Nearest)]
    public void Resize_matches_pillow_and_torchvision_exactly(string key, int height, int width, Interpolation interpolation)
    {
        // Tolerance 0: the resampler reproduces Pillow's fixed-point arithmetic (shrinking is antialiased).
        using var image = ImageDecoder.Load(Reference.PathOf("pattern.png"), ColorMode.Rgb, new ImageSize(height, width), interpolation);

        Assert.Equal([3L, height, width], image.shape);
        Assert.Equal(Reference.Pixels(key), Reference.ToHwc(image.Floats(), 3, height, width));
    }

    [Fact]
    public void Header_info_reports_size_and_stored_channels()
    {
        var info = ImageDecoder.ReadInfo(File.ReadAllBytes(Reference.PathOf("pattern.png")));

        Assert.Equal(new ImageInfo(Reference.Width, Reference.Height, 3), info);
    }

    [Fact]
    public void Garbage_bytes_give_an_error_naming_the_file()
    {
        using var tmp = new TempFolder();
        var path = tmp.WriteBytes("notes.png", "this is not an image"u8.ToArray());

        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Load(path));

        Assert.Equal(path, e.ImageSource);
        Assert.Contains(path, e.Message);
        Assert.Contains("unsupported or unrecognised image format", e.Message);
    }

    [Theory]
    [InlineData("pattern.jpg", "truncated JPEG")]
    [InlineData("pattern.png", "PNG")]
    public void Truncated_files_are_refused_not_silently_grey(string fixture, string expected)
    {
        using var tmp = new TempFolder();
        var bytes = File.ReadAllBytes(Reference.PathOf(fixture));
        var path = tmp.WriteBytes("cut" + Path.GetExtension(fixture), bytes[..(bytes.Length * 2 / 3)]);

        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains(expected, e.Reason);
    }

    [Fact]
    public void Empty_and_missing_files_name_the_file()
    {
        using var tmp = new TempFolder();
        var empty = tmp.WriteBytes("empty.jpg", []);
        var missing = tmp.PathOf("missing.jpg");

        Assert.Contains("empty", Assert.Throws<ImageDecodeException>(() => ImageDecoder.Load(empty)).Message);
        Assert.Contains(missing, Assert.Throws<ImageDecodeException>(() => ImageDecoder.Load(missing)).Message);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("gif")]
    [InlineData("bmp")]
    [InlineData("jpg")]
    [InlineData("ppm")]
    public void A_header_claiming_a_huge_image_is_refused_before_any_large_allocation(string format)
    {
        var bytes = HugeHeader(format, 60_000, 50_000);   // 3 gigapixels in a few dozen bytes

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(bytes, source: "bomb." + format));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("bomb." + format, e.ImageSource);
        Assert.True(allocated < 4 << 20, $"{allocated} bytes allocated refusing a {bytes.Length}-byte file");
    }

    [Fact]
    public void Bmp_declaring_more_pixels_than_its_bytes_can_hold_is_refused()
    {
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(HugeHeader("bmp", 300, 200), source: "short.bmp"));

        Assert.Contains("BMP", e.Reason);
    }

    // The smallest well-formed start of each format with the given size in its header, and nothing after.
    private static byte[] HugeHeader(string format, int width, int height)
    {
        static byte[] Be(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
        static byte[] Le(int v, int n) => Enumerable.Range(0, n).Select(i => (byte)(v >> (8 * i))).ToArray();
        return format switch
        {
            "png" => [0x89, .. "PNG\r\n\u001a\n"u8, 0, 0, 0, 13, .. "IHDR"u8, .. Be(width), .. Be(height), 8, 2, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, .. "IEND"u8, 0xAE, 0x42, 0x60, 0x82],
            "gif" => [.. "GIF89a"u8, .. Le(width & 0xFFFF, 2), .. Le(height & 0xFFFF, 2), 0, 0, 0,
                0x2C, 0, 0, 0, 0, .. Le(width & 0xFFFF, 2), .. Le(height & 0xFFFF, 2), 0, 2, 0, 0x3B],
            "bmp" => [.. "BM"u8, .. Le(70, 4), 0, 0, 0, 0, .. Le(54, 4), .. Le(40, 4), .. Le(width, 4), .. Le(height, 4), 1, 0, 24, 0,
                .. new byte[24], 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
            "jpg" => [0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, .. Be(height)[2..], .. Be(width)[2..], 1, 1, 0x11, 0, 0xFF, 0xD9],
            "ppm" => [.. System.Text.Encoding.ASCII.GetBytes($"P6 {width} {height} 255\n"), 1, 2, 3],
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    [Fact]
    public void Jpeg_written_by_the_writer_round_trips_closely()
    {
        using var tmp = new TempFolder();
        var path = tmp.WriteSolid("solid.jpg", 200, 100, 50, width: 16, height: 16);

        using var image = ImageDecoder.Load(path);

        var values = image.Floats();
        Assert.All(values[..256], v => Assert.InRange(v, 197, 203));
        Assert.All(values[256..512], v => Assert.InRange(v, 97, 103));
        Assert.All(values[512..], v => Assert.InRange(v, 47, 53));
    }
}
