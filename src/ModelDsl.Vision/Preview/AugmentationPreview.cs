using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Vision;

/// <summary>
/// Writes a PNG grid showing what an augmenter does: each row is one image of the dataset, its first
/// column the image as decoded and the other columns random augmentations of it.
/// </summary>
public static class AugmentationPreview
{
    private const int Gap = 2;
    private const byte Background = 255;

    /// <summary>The most pixels a grid may have: Pillow's decompression-bomb limit, so any viewer can open it.</summary>
    public const long MaxGridPixels = DecodeLimits.MaxPixels;

    /// <summary>The size of the grid <c>WriteGrid</c> draws for <paramref name="rows"/> x <paramref name="cols"/> images of <paramref name="size"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The grid would exceed <see cref="MaxGridPixels"/> (or the layout is empty); the message gives its size.</exception>
    public static ImageSize GridSize(int rows, int cols, ImageSize size)
    {
        CheckLayout(rows, cols);
        size.Validated(nameof(size));
        // 64-bit: a size near int.MaxValue must give an honest refusal, not a wrapped (or negative) grid.
        var width = (long)cols * size.Width + (cols + 1L) * Gap;
        var height = (long)rows * size.Height + (rows + 1L) * Gap;
        if (width > int.MaxValue || height > int.MaxValue || width * height > MaxGridPixels)
        {
            throw new ArgumentOutOfRangeException(nameof(size),
                $"A grid of {rows}x{cols} images of {size} would be {height:N0}x{width:N0} pixels, more than the {MaxGridPixels:N0} a preview may have; show the images smaller or fewer of them.");
        }
        return new ImageSize((int)height, (int)width);
    }

    /// <summary>
    /// One call for a folder of images (one sub-folder per class): picks <paramref name="rows"/> images spread
    /// over the folder and writes the grid to <paramref name="path"/>; returns the grid's size.
    /// </summary>
    /// <param name="directory">The image folder.</param>
    /// <param name="path">The PNG to write (folders are created).</param>
    /// <param name="augmenter">The augmentation to show.</param>
    /// <param name="rows">Images shown.</param>
    /// <param name="cols">Columns: the original plus <c>cols - 1</c> augmentations.</param>
    /// <param name="size">Size each image is shown at (default 128x128).</param>
    public static ImageSize WriteGrid(string directory, string path, ImageAugmenter augmenter, int rows = 4, int cols = 6,
        ImageSize? size = null)
    {
        GridSize(rows, cols, size ?? new ImageSize(128, 128));
        var dataset = new ImageFolderDataset(directory, new ImageFolderOptions
        {
            TargetSize = size ?? new ImageSize(128, 128), ClassMode = ClassMode.None,
        });
        return WriteGrid(dataset, path, augmenter, rows, cols);
    }

    /// <summary>Writes the grid for images of <paramref name="dataset"/>, chosen evenly across it so several classes show.</summary>
    public static ImageSize WriteGrid(ImageFolderDataset dataset, string path, ImageAugmenter augmenter, int rows = 4, int cols = 6)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        CheckLayout(rows, cols);
        var shown = Math.Min(rows, dataset.Count);
        var indices = Enumerable.Range(0, shown).Select(i => (int)((long)i * dataset.Count / shown)).ToArray();
        using var images = dataset.LoadImages(indices);
        return WriteGrid(images, path, augmenter, cols);
    }

    /// <summary>Writes the grid for a [N, C, H, W] batch in 0..255: one row per image, <paramref name="cols"/> columns.</summary>
    public static ImageSize WriteGrid(Tensor images, string path, ImageAugmenter augmenter, int cols = 6)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(augmenter);
        var shape = images.shape;
        if (shape.Length != 4 || shape[1] is not (1 or 3))
        {
            throw new ArgumentException($"Expected images [N, C, H, W] with 1 or 3 channels, got shape [{string.Join(", ", shape)}].", nameof(images));
        }
        CheckLayout((int)shape[0], cols);
        var (n, c, h, w) = ((int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);

        var columns = new byte[cols][];
        columns[0] = ImageWriter.ToPixels(images);
        // The preview shows training-time augmentation even if the augmenter is set to evaluation.
        var training = augmenter.Training;
        augmenter.Training = true;
        try
        {
            for (var col = 1; col < cols; col++)
            {
                using var augmented = augmenter.Apply(images);
                columns[col] = ImageWriter.ToPixels(augmented);
            }
        }
        finally
        {
            augmenter.Training = training;
        }

        var gridSize = GridSize(n, cols, new ImageSize(h, w));
        var (gridW, gridH) = (gridSize.Width, gridSize.Height);
        var grid = new byte[gridW * gridH * c];
        Array.Fill(grid, Background);
        for (var row = 0; row < n; row++)
        {
            for (var col = 0; col < cols; col++)
            {
                Blit(columns[col], row, w, h, c, grid, gridW, Gap + col * (w + Gap), Gap + row * (h + Gap));
            }
        }
        ImageWriter.WritePng(path, grid, gridW, gridH, c);
        return new ImageSize(gridH, gridW);
    }

    // Copies image `index` of an NHWC pixel block into the grid at (x0, y0).
    private static void Blit(byte[] batch, int index, int w, int h, int c, byte[] grid, int gridW, int x0, int y0)
    {
        var rowBytes = w * c;
        for (var y = 0; y < h; y++)
        {
            Array.Copy(batch, ((long)index * h + y) * rowBytes, grid, ((long)(y0 + y) * gridW + x0) * c, rowBytes);
        }
    }

    private static void CheckLayout(int rows, int cols)
    {
        if (rows < 1 || cols < 1) throw new ArgumentOutOfRangeException(nameof(rows), $"A preview needs at least one row and column, got {rows}x{cols}.");
    }
}
