using static TorchSharp.torch;

namespace ModelDsl.Training.Data;

/// <summary>
/// Images and labels from a pair of IDX files, kept as bytes and converted per batch to float32 inputs
/// shaped [N, 1, H, W] scaled to [0, 1] (as the seeds do with <c>astype('float32') / 255</c>).
/// </summary>
public sealed class IdxImageDataset : IDataset
{
    // b / 255f for every byte, exactly as the seeds' astype('float32') / 255 computes it.
    private static readonly float[] UnitScale = Enumerable.Range(0, 256).Select(b => b / 255f).ToArray();

    private readonly byte[] images;
    private readonly byte[] labels;
    private readonly int pixels;

    /// <summary>Creates a dataset over raw image bytes (row-major [count, height, width]) and labels.</summary>
    public IdxImageDataset(byte[] images, byte[] labels, int height, int width, TargetEncoding targets = TargetEncoding.ClassIndex, int? classCount = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (height <= 0 || width <= 0) throw new ArgumentOutOfRangeException(nameof(height), $"Image size {height}x{width} must be positive.");
        pixels = height * width;
        if (images.Length != labels.Length * pixels)
        {
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * pixels} image bytes of {height}x{width} but {images.Length} were given.", nameof(images));
        }
        this.images = images;
        this.labels = labels;
        Height = height;
        Width = width;
        Targets = targets;
        ClassCount = classCount ?? (labels.Length == 0 ? 0 : labels.Max() + 1);
    }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>How labels are encoded in batches.</summary>
    public TargetEncoding Targets { get; }

    /// <summary>Number of classes (one-hot width); at least the largest label plus one.</summary>
    public int ClassCount { get; internal set; }

    /// <inheritdoc />
    public int Count => labels.Length;

    /// <summary>The label of example <paramref name="index"/>.</summary>
    public int Label(int index) => labels[index];

    /// <summary>Reads an image file (rank 3) and a label file (rank 1) and checks that their counts agree.</summary>
    /// <exception cref="InvalidDataException">Either file is malformed, or the counts differ; the message names both files.</exception>
    public static IdxImageDataset Load(string imagesPath, string labelsPath, TargetEncoding targets = TargetEncoding.ClassIndex)
    {
        var images = IdxFile.Read(imagesPath, expectedRank: 3);
        var labels = IdxFile.Read(labelsPath, expectedRank: 1);
        if (images.Count != labels.Count)
        {
            throw new InvalidDataException(
                $"Image file '{imagesPath}' holds {images.Count} images but label file '{labelsPath}' holds {labels.Count} labels; the counts must be equal.");
        }
        return new IdxImageDataset(images.Data, labels.Data, images.Dimensions[1], images.Dimensions[2], targets);
    }

    /// <summary>A copy of the first <paramref name="count"/> examples.</summary>
    public IdxImageDataset Take(int count)
    {
        count = Math.Clamp(count, 0, Count);
        return new IdxImageDataset(images[..(count * pixels)], labels[..count], Height, Width, Targets, ClassCount);
    }

    /// <inheritdoc />
    public Batch GetBatch(ReadOnlySpan<int> indices)
    {
        var picked = indices.ToArray();
        foreach (var index in picked)
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), $"Index {index} is outside the dataset of {Count} examples.");
        }
        var inputs = HostTensors.Create<float>([picked.Length, 1, Height, Width], ScalarType.Float32, dst =>
        {
            for (var i = 0; i < picked.Length; i++)
            {
                var src = images.AsSpan(picked[i] * pixels, pixels);
                var row = dst.Slice(i * pixels, pixels);
                for (var p = 0; p < src.Length; p++) row[p] = UnitScale[src[p]];
            }
        });
        try
        {
            return new Batch(inputs, TargetTensors.ForLabels(labels, picked, Targets, ClassCount));
        }
        catch
        {
            inputs.Dispose();
            throw;
        }
    }
}
