using ModelDsl.Vision;
using static ModelDsl.Cli.Tests.CliRunner;

namespace ModelDsl.Cli.Tests;

/// <summary><c>modeldsl augment-preview</c> on a folder of PNGs the tests write.</summary>
public sealed class AugmentPreviewCommandTests : IDisposable
{
    private const int Gap = 2; // AugmentationPreview's white border between cells

    private readonly string _dir = Directory.CreateTempSubdirectory("modeldsl-cli-preview-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Two classes of three 40x30 RGB images, each a colour ramp so augmentations change pixels.
    private string WriteImageFolder()
    {
        var root = Path.Combine(_dir, "images");
        foreach (var cls in new[] { "a", "b" })
        {
            Directory.CreateDirectory(Path.Combine(root, cls));
            for (var i = 0; i < 3; i++)
            {
                const int w = 40, h = 30;
                var pixels = new byte[w * h * 3];
                for (var y = 0; y < h; y++)
                {
                    for (var x = 0; x < w; x++)
                    {
                        var p = (y * w + x) * 3;
                        pixels[p] = (byte)(x * 6);
                        pixels[p + 1] = (byte)(y * 8);
                        pixels[p + 2] = (byte)(cls == "a" ? 40 * i : 255 - 40 * i);
                    }
                }
                ImageWriter.WritePng(Path.Combine(root, cls, $"{i}.png"), pixels, w, h, 3);
            }
        }
        return root;
    }

    [Fact]
    public void WritesAGridOfTheRequestedLayout()
    {
        var folder = WriteImageFolder();
        var grid = Path.Combine(_dir, "out", "grid.png");
        var (exit, output, err) = Run("augment-preview", folder, "--out", grid, "--rows", "3", "--cols", "5", "--seed", "7",
            "--rotation", "30", "--shift", "0.1", "--zoom", "0.2", "--flip", "horizontal", "--shear", "10",
            "--brightness", "0.7,1.3", "--fill", "reflect", "--size", "24x32");

        Assert.True(exit == CliApp.Success, err);
        var info = ImageDecoder.ReadInfo(File.ReadAllBytes(grid), grid);
        Assert.Equal(5 * 32 + 6 * Gap, info.Width);
        Assert.Equal(3 * 24 + 4 * Gap, info.Height);
        Assert.Equal(3, info.Channels);
        Assert.Contains($"wrote {grid}: {info.Width}x{info.Height} pixels", output);
    }

    [Fact]
    public void TheAugmentedColumnsDifferFromTheOriginal()
    {
        var folder = WriteImageFolder();
        var grid = Path.Combine(_dir, "grid.png");
        var (exit, _, err) = Run("augment-preview", folder, "--out", grid, "--rows", "1", "--cols", "2", "--size", "20x20");
        Assert.True(exit == CliApp.Success, err);

        // No augmentation option: the seed's defaults (rotation, shifts, zoom, flip) must visibly change the image.
        using var image = ImageDecoder.Load(grid);
        var pixels = image.data<float>().ToArray();
        var width = 2 * 20 + 3 * Gap;
        var plane = width * (20 + 2 * Gap);
        var differing = 0;
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < 20; y++)
            {
                for (var x = 0; x < 20; x++)
                {
                    var original = pixels[c * plane + (Gap + y) * width + Gap + x];
                    var augmented = pixels[c * plane + (Gap + y) * width + 2 * Gap + 20 + x];
                    if (Math.Abs(original - augmented) > 8) differing++;
                }
            }
        }
        Assert.True(differing > 100, $"only {differing} pixel values changed");
    }

    [Fact]
    public void AMissingFolderIsNamed()
    {
        var missing = Path.Combine(_dir, "nowhere");
        var (exit, _, err) = Run("augment-preview", missing, "--out", Path.Combine(_dir, "g.png"));
        Assert.Equal(CliApp.UsageError, exit);
        Assert.Contains($"modeldsl: error: Image folder '{missing}' does not exist.", err);
    }

    [Fact]
    public void AMalformedSizeIsAUsageError()
    {
        var folder = WriteImageFolder();
        var (exit, _, err) = Run("augment-preview", folder, "--out", Path.Combine(_dir, "g.png"), "--size", "32");
        Assert.Equal(CliApp.UsageError, exit);
        Assert.Contains("--size expects HxW", err);
    }

    [Fact]
    public void AnUnknownFlipIsAUsageError()
    {
        var folder = WriteImageFolder();
        var (exit, _, err) = Run("augment-preview", folder, "--out", Path.Combine(_dir, "g.png"), "--flip", "sideways");
        Assert.Equal(CliApp.UsageError, exit);
        Assert.Contains("sideways", err);
    }

    [Theory]
    [InlineData("100000x100000")]
    [InlineData("2147483647x2147483647")]
    public void AGridTooLargeToDrawIsOneLineNotAStackTrace(string size)
    {
        var folder = WriteImageFolder();
        var (exit, output, err) = Run("augment-preview", folder, "--out", Path.Combine(_dir, "huge.png"), "--rows", "2", "--cols", "3", "--size", size);
        Assert.NotEqual(CliApp.Success, exit);
        Assert.True(exit is CliApp.SpecErrors or CliApp.UsageError, $"exit {exit}");
        var lines = err.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("modeldsl: ", lines[0]);
        Assert.DoesNotContain("   at ", err + output);
    }
}
