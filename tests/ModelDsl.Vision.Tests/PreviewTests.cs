using ModelDsl.Vision.Tests.Support;

namespace ModelDsl.Vision.Tests;

public sealed class PreviewTests
{
    [Fact]
    public void Grid_has_one_row_per_image_and_the_original_in_the_first_column()
    {
        using var tmp = new TempFolder();
        for (var i = 0; i < 3; i++)
        {
            var pixels = Enumerable.Range(0, 10 * 12 * 3).Select(v => (byte)(v * 7 + i * 40)).ToArray();
            tmp.Write($"c{i}/img.png", pixels, 12, 10, 3);
        }
        var output = tmp.PathOf("out/grid.png");
        var augmenter = new ImageAugmenter(1) { RotationRange = 40, HorizontalFlip = true, ZoomRange = ValueRange.AroundOne(0.2) };

        var size = AugmentationPreview.WriteGrid(tmp.Root, output, augmenter, rows: 3, cols: 4, size: new ImageSize(10, 12));

        // 4 columns of 12 px and 3 rows of 10 px, with 2-px gaps around and between.
        Assert.Equal(new ImageSize(3 * 10 + 4 * 2, 4 * 12 + 5 * 2), size);
        Assert.Equal(new ImageInfo(size.Width, size.Height, 3), ImageDecoder.ReadInfo(File.ReadAllBytes(output)));

        using var grid = ImageDecoder.Load(output);
        var g = grid.Floats();
        using var original = ImageDecoder.Load(tmp.PathOf("c1/img.png"));
        var o = original.Floats();
        // Row 1, column 0 starts at (x 2, y 2 + 10 + 2); compare the red plane.
        for (var y = 0; y < 10; y++)
        {
            for (var x = 0; x < 12; x++) Assert.Equal(o[y * 12 + x], g[(14 + y) * size.Width + 2 + x]);
        }
        Assert.True(augmenter.Training);
    }
}
