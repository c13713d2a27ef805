using ModelDsl.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Vision;

/// <summary>
/// Images in one sub-folder per class (Keras's <c>flow_from_directory</c>, torchvision's <c>ImageFolder</c>):
/// class names sorted ordinally become indices 0..K-1. Batches are [N, C, H, W] float32; the images of a batch
/// are decoded in parallel, and a data loader that prefetches runs this in the background while the model trains.
/// </summary>
/// <remarks>
/// Per batch: decode and resize (0..255), augment when this is the training subset and an
/// <see cref="ImageFolderOptions.Augmenter"/> is set, then rescale or preprocess. Safe to call from several threads.
/// </remarks>
public sealed class ImageFolderDataset : IDataset
{
    private readonly ImageEntry[] images;
    private readonly ChannelNormalization? normalization;

    /// <summary>Scans <paramref name="directory"/>; with <see cref="ImageFolderOptions.SkipBadFiles"/> also decodes every image once.</summary>
    /// <exception cref="ImageFolderException">The folder is missing, has no class folders, a class has no images, or a file has an unsupported format.</exception>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    public ImageFolderDataset(string directory, ImageFolderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Options = options ?? new ImageFolderOptions();
        Root = Path.GetFullPath(directory);
        Validate(Options);
        normalization = ChannelNormalization.For(Options.Preprocessing, Options.Rescale, Options.ColorMode);

        ClassNames = FolderScanner.FindClasses(Root, Options.Classes);
        ClassIndices = ClassNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        if (Options.ClassMode == ClassMode.Binary && ClassNames.Count != 2)
        {
            throw new ImageFolderException(Root,
                $"Class mode Binary needs exactly 2 classes but '{Root}' has {ClassNames.Count}: {string.Join(", ", ClassNames)}.");
        }

        var skipped = Options.SkipBadFiles ? new List<SkippedImage>() : null;
        var all = FolderScanner.FindImages(Root, ClassNames, skipped);
        if (skipped is not null)
        {
            all = ImageVerifier.KeepDecodable(all, Options, skipped);
            ReportSkipped(skipped);
            RequireEveryClass(all);
        }
        SkippedFiles = skipped?.ToArray() ?? [];

        var subset = ValidationSplitter.Select(all, ClassNames.Count, Options.ValidationSplit, Options.Subset, Options.Seed);
        if (subset.Count == 0)
        {
            throw new ImageFolderException(Root,
                $"The {Options.Subset} subset of '{Root}' is empty (validation split {Options.ValidationSplit}).");
        }
        images = subset.ToArray();
        if (Options.Shuffle) new Random(Options.Seed).Shuffle(images);
    }

    /// <summary>The image folder, as a full path.</summary>
    public string Root { get; }

    /// <summary>The options this dataset was made with.</summary>
    public ImageFolderOptions Options { get; }

    /// <summary>Class names in index order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Class name to index (Keras's <c>class_indices</c>).</summary>
    public IReadOnlyDictionary<string, int> ClassIndices { get; }

    /// <summary>The images of this subset, in the order indices address them.</summary>
    public IReadOnlyList<ImageEntry> Images => images;

    /// <summary>Files left out by <see cref="ImageFolderOptions.SkipBadFiles"/>, with reasons.</summary>
    public IReadOnlyList<SkippedImage> SkippedFiles { get; }

    /// <inheritdoc />
    public int Count => images.Length;

    /// <summary>The shape of one input image, [C, H, W].</summary>
    public long[] ImageShape => [Options.ColorMode.Channels(), Options.TargetSize.Height, Options.TargetSize.Width];

    /// <inheritdoc />
    /// <exception cref="ImageDecodeException">An image of the batch cannot be decoded; the message names it.</exception>
    public Batch GetBatch(ReadOnlySpan<int> indices)
    {
        var labels = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++) labels[i] = images[CheckIndex(indices[i])].Label;

        var inputs = LoadImages(indices);
        try
        {
            if (Options.Augmenter is { } augmenter && Options.Subset == Subset.Training)
            {
                Replace(ref inputs, augmenter.Apply(inputs));
            }
            if (normalization is not null) Replace(ref inputs, normalization.Apply(inputs));
            // A batch may cross threads (a prefetching loader), so it must not belong to the caller's dispose scope.
            var targets = ClassTargets.Build(Options.ClassMode, labels, ClassNames.Count);
            return new Batch(inputs.DetachFromDisposeScope(), targets.DetachFromDisposeScope());
        }
        catch
        {
            inputs.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Decodes and resizes the images at <paramref name="indices"/> to a [N, C, H, W] float32 batch in 0..255,
    /// before augmentation and normalisation (what a preview shows).
    /// </summary>
    public Tensor LoadImages(ReadOnlySpan<int> indices)
    {
        var shape = ImageShape;
        var perImage = (int)(shape[0] * shape[1] * shape[2]);
        var entries = new ImageEntry[indices.Length];
        for (var i = 0; i < indices.Length; i++) entries[i] = images[CheckIndex(indices[i])];

        // Decoded straight into the batch tensor's memory: no staging buffer, no copy.
        var batch = torch.empty([entries.Length, shape[0], shape[1], shape[2]], ScalarType.Float32);
        try
        {
            DecodeAll(entries, batch, perImage);
            return batch;
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }

    private unsafe void DecodeAll(ImageEntry[] entries, Tensor batch, int perImage)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Options.DecodeThreads) };
        // The tensor's memory is native (not moved by the GC), so its address can be handed to the workers.
        IntPtr start;
        fixed (byte* first = batch.bytes) start = (IntPtr)first;
        try
        {
            Parallel.For(0, entries.Length, parallel, i =>
            {
                var path = entries[i].Path;
                var destination = new Span<float>((float*)start + (long)i * perImage, perImage);
                ImageDecoder.DecodeInto(ImageDecoder.ReadFile(path), Options.ColorMode, Options.TargetSize,
                    Options.Interpolation, destination, path);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The first bad file, as a plain exception naming it (not wrapped by the parallel loop).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        GC.KeepAlive(batch);
    }

    private int CheckIndex(int index)
    {
        if ((uint)index >= (uint)images.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Index {index} is outside the dataset of {images.Length} images in '{Root}'.");
        }
        return index;
    }

    private static void Replace(ref Tensor current, Tensor next)
    {
        current.Dispose();
        current = next;
    }

    private void ReportSkipped(List<SkippedImage> skipped)
    {
        if (skipped.Count == 0) return;
        var writer = Options.Warnings ?? Console.Error;
        writer.WriteLine($"warning: skipped {skipped.Count} unreadable image(s) in '{Root}':");
        foreach (var s in skipped) writer.WriteLine($"  {s.Path}: {s.Reason}");
    }

    private void RequireEveryClass(List<ImageEntry> kept)
    {
        for (var label = 0; label < ClassNames.Count; label++)
        {
            if (!kept.Any(e => e.Label == label))
            {
                var folder = Path.Combine(Root, ClassNames[label]);
                throw new ImageFolderException(folder, $"Class folder '{folder}' has no readable images (all were skipped).");
            }
        }
    }

    private static void Validate(ImageFolderOptions o)
    {
        o.TargetSize.Validated(nameof(o.TargetSize));
        // One image is one span of floats in the batch tensor: its size must fit an int (and be a sane picture).
        if ((long)o.TargetSize.Height * o.TargetSize.Width > DecodeLimits.MaxPixels)
        {
            throw new ArgumentOutOfRangeException(nameof(o.TargetSize),
                $"TargetSize {o.TargetSize} is more than the {DecodeLimits.MaxPixels:N0} pixels an image may have.");
        }
        if (o.ValidationSplit is < 0 or >= 1 || double.IsNaN(o.ValidationSplit))
        {
            throw new ArgumentOutOfRangeException(nameof(o.ValidationSplit), $"ValidationSplit must be in [0, 1), got {o.ValidationSplit}.");
        }
        if (o.Subset == Subset.Validation && o.ValidationSplit == 0)
        {
            throw new ArgumentException("Subset Validation needs a ValidationSplit greater than 0.", nameof(o.Subset));
        }
        if (!float.IsFinite(o.Rescale) || o.Rescale == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(o.Rescale), $"Rescale must be a finite non-zero factor, got {o.Rescale}.");
        }
    }
}
