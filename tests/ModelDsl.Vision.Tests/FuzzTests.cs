using ModelDsl.Vision.Tests.Support;

namespace ModelDsl.Vision.Tests;

public sealed class FuzzTests
{
    [Theory]
    [InlineData("pattern.jpg")]
    [InlineData("pattern.png")]
    [InlineData("pattern.bmp")]
    [InlineData("pattern.gif")]
    [InlineData("pattern.ppm")]
    public void Corrupted_images_decode_or_throw_a_named_error_but_never_crash(string fixture)
    {
        var original = File.ReadAllBytes(Reference.PathOf(fixture));
        var random = new Random(fixture.GetHashCode(StringComparison.Ordinal) & 0x7fff);
        var failures = 0;
        for (var round = 0; round < 300; round++)
        {
            var bytes = (byte[])original.Clone();
            // Flip a few bytes anywhere (headers included), and sometimes cut the tail.
            for (var k = 0; k < 1 + round % 6; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            if (round % 5 == 0) bytes = bytes[..random.Next(1, bytes.Length)];
            try
            {
                using var image = ImageDecoder.Decode(bytes, ColorMode.Rgb, new ImageSize(8, 8), Interpolation.Bilinear, $"fuzz-{round}");
                Assert.Equal([3L, 8, 8], image.shape);
            }
            catch (ImageDecodeException e)
            {
                Assert.Equal($"fuzz-{round}", e.ImageSource);
                failures++;
            }
        }
        Assert.True(failures > 0, "some corruptions must be detected");
    }
}
