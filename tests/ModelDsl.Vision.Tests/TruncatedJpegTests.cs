using ModelDsl.Vision.Tests.Support;

namespace ModelDsl.Vision.Tests;

/// <summary>
/// A JPEG cut short with its end-of-image marker put back passes the "ends with FFD9" check; libjpeg then hits the
/// marker inside the entropy-coded data, warns "premature end of data segment" and fills the rest with grey.
/// Such a file must be refused naming it, and complete files of every layout must still decode.
/// </summary>
public sealed class TruncatedJpegTests
{
    // A colourful pattern, so the entropy-coded data is spread over the whole image.
    private static byte[] Pattern(int width, int height, int channels)
    {
        var pixels = new byte[width * height * channels];
        var random = new Random(7);
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        for (var c = 0; c < channels; c++)
        {
            pixels[(y * width + x) * channels + c] = (byte)((x * (3 + c) + y * (5 - c) + random.Next(24)) & 0xFF);
        }
        return pixels;
    }

    private static byte[] CutWithEndMarker(byte[] jpeg, double keep)
    {
        var cut = (int)(jpeg.Length * keep);
        return [.. jpeg.AsSpan(0, cut), 0xFF, 0xD9];
    }

    [Theory]
    [InlineData(3, 0.5)]
    [InlineData(3, 0.9)]
    [InlineData(1, 0.5)]
    public void A_cut_JPEG_with_its_end_marker_put_back_is_refused_naming_the_file(int channels, double keep)
    {
        using var tmp = new TempFolder();
        var whole = tmp.Write("whole.jpg", Pattern(96, 80, channels), 96, 80, channels);
        var path = tmp.WriteBytes("cut.jpg", CutWithEndMarker(File.ReadAllBytes(whole), keep));

        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Load(path));

        Assert.Equal(path, e.ImageSource);
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Reason);
        // The whole file still decodes.
        using var image = ImageDecoder.Load(whole, channels == 1 ? ColorMode.Grayscale : ColorMode.Rgb);
        Assert.Equal([channels, 80, 96], image.shape);
    }

    [Fact]
    public void The_cut_file_is_refused_from_memory_and_when_resized_too()
    {
        using var tmp = new TempFolder();
        var whole = File.ReadAllBytes(tmp.Write("whole.jpg", Pattern(64, 64, 3), 64, 64, 3));
        var cut = CutWithEndMarker(whole, 0.6);

        Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(cut, source: "upload #3"));
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(cut, size: new ImageSize(32, 32), source: "upload #3"));
        Assert.Equal("upload #3", e.ImageSource);
    }

    [Fact]
    public void Complete_files_with_trailing_bytes_after_the_end_marker_still_decode()
    {
        using var tmp = new TempFolder();
        var whole = File.ReadAllBytes(tmp.Write("whole.jpg", Pattern(64, 48, 3), 64, 48, 3));
        using var expected = ImageDecoder.Decode(whole);
        // Some cameras and tools append data after the image (padding, a second picture's start).
        var padded = tmp.WriteBytes("padded.jpg", [.. whole, 0, 0, 0, 0, 0xFF, 0xD8, 0xFF]);

        using var decoded = ImageDecoder.Load(padded);

        Assert.True(decoded.eq(expected).all().item<bool>());
    }

    [Fact]
    public void The_committed_Pillow_fixture_decodes_to_the_same_pixels_as_before()
    {
        // Pillow's baseline file (Fixtures/pattern.jpg) is complete: the check must not refuse it.
        using var image = ImageDecoder.Load(Reference.PathOf("pattern.jpg"));
        Assert.Equal(3, image.shape[0]);
    }
}
