namespace ModelDsl.Vision;

/// <summary>How <see cref="ImageFolderDataset"/> reads a folder (the options of Keras's <c>flow_from_directory</c>).</summary>
public sealed record ImageFolderOptions
{
    /// <summary>Every image is resized to this size (Keras's default 256x256).</summary>
    public ImageSize TargetSize { get; init; } = new(256, 256);

    /// <summary>RGB (3 channels) or grayscale (1).</summary>
    public ColorMode ColorMode { get; init; } = ColorMode.Rgb;

    /// <summary>The resampling filter for resizing.</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Bilinear;

    /// <summary>How labels become targets.</summary>
    public ClassMode ClassMode { get; init; } = ClassMode.Categorical;

    /// <summary>Class folder names to use, in index order; null takes every sub-folder, sorted ordinally.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Multiplies every pixel (e.g. 1/255); must stay 1 when <see cref="Preprocessing"/> is set.</summary>
    public float Rescale { get; init; } = 1f;

    /// <summary>An ImageNet normalisation for pretrained models.</summary>
    public PreprocessingMode Preprocessing { get; init; } = PreprocessingMode.None;

    /// <summary>Fraction of each class held out for validation, in [0, 1).</summary>
    public double ValidationSplit { get; init; }

    /// <summary>Which side of the split this dataset reads.</summary>
    public Subset Subset { get; init; } = Subset.Training;

    /// <summary>Seed of the validation split and of <see cref="Shuffle"/>; the same seed gives the same split.</summary>
    public int Seed { get; init; }

    /// <summary>Orders the images randomly (seeded) instead of by class and file name.</summary>
    /// <remarks>A data loader reshuffles each epoch anyway; this matters for unshuffled readers such as previews.</remarks>
    public bool Shuffle { get; init; }

    /// <summary>Augmentation applied to batches of the training subset (never to the validation subset).</summary>
    public ImageAugmenter? Augmenter { get; init; }

    /// <summary>
    /// Decodes every image once up front and leaves out those that fail, with a warning listing them,
    /// instead of failing on the first bad file.
    /// </summary>
    public bool SkipBadFiles { get; init; }

    /// <summary>Where warnings go; null writes them to standard error.</summary>
    public TextWriter? Warnings { get; init; }

    /// <summary>How many images of a batch are decoded at once.</summary>
    public int DecodeThreads { get; init; } = Environment.ProcessorCount;
}
