namespace ModelDsl.Transfer.Weights;

/// <summary>
/// How much a weights file may make the reader allocate. Every size a file declares (tensor shapes, zip entry
/// lengths, pickle object counts, header lengths, HDF5 dataset extents) is checked against these limits and
/// against the bytes the file actually holds <em>before</em> anything of that size is allocated, so a small
/// crafted or damaged file fails with a <see cref="WeightsFormatException"/> instead of driving the process out
/// of memory. The defaults admit every real checkpoint we know of; a caller reading something larger raises
/// the limit the message names, e.g. <c>ReadLimits.Default with { MaxViewExpansionBytes = 4L &lt;&lt; 30 }</c>.
/// </summary>
public sealed record ReadLimits
{
    /// <summary>The limits used when a reader is given none.</summary>
    public static ReadLimits Default { get; } = new();

    /// <summary>
    /// The most bytes all tensors of one file may declare together (elements × element size, summed over the
    /// tensors). Default 64 GiB.
    /// </summary>
    public long MaxTotalTensorBytes { get; init; } = 64L << 30;

    /// <summary>
    /// The most bytes the tensors of a <c>.pth</c> file may declare beyond the bytes of the storages they view.
    /// Views legitimately repeat stored bytes (tied weights share a storage; an expanded view has stride 0), but
    /// a few stored bytes must not declare gigabytes of tensors. Default 256 MiB.
    /// </summary>
    public long MaxViewExpansionBytes { get; init; } = 256L << 20;

    /// <summary>
    /// The most a compressed zip entry (or a filtered HDF5 dataset) may expand: its declared size over its
    /// compressed size. Entries up to <see cref="CompressionAllowanceBytes"/> are exempt, since tiny entries
    /// compress arbitrarily well. <c>torch.save</c> stores entries uncompressed (ratio 1). Default 100.
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>The size up to which a compressed entry may expand regardless of its ratio. Default 1 MiB.</summary>
    public long CompressionAllowanceBytes { get; init; } = 1L << 20;

    /// <summary>
    /// The most values the unpickler may create or place in containers while reading a <c>.pth</c> file's
    /// <c>data.pkl</c> (a ResNet-50 state dict needs about ten thousand). Default 5,000,000.
    /// </summary>
    public int MaxPickleObjects { get; init; } = 5_000_000;

    /// <summary>The most entries the pickle's memo may hold. Default 1,000,000.</summary>
    public int MaxPickleMemoEntries { get; init; } = 1_000_000;

    /// <summary>
    /// The most values plus open MARKs the unpickler's stack may hold at once (how deeply a pickle nests what it
    /// builds). <c>torch.save</c> needs a few thousand at most. Default 100,000.
    /// </summary>
    public int MaxPickleStackDepth { get; init; } = 100_000;

    /// <summary>
    /// The longest safetensors JSON header read, in bytes (the reference implementation's own limit). Default 100,000,000.
    /// </summary>
    public long MaxSafetensorsHeaderBytes { get; init; } = 100_000_000;

    /// <summary>Checks that every limit is positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    internal ReadLimits Validated()
    {
        Positive(MaxTotalTensorBytes, nameof(MaxTotalTensorBytes));
        NotNegative(MaxViewExpansionBytes, nameof(MaxViewExpansionBytes));
        if (!(MaxCompressionRatio >= 1)) throw new ArgumentOutOfRangeException(nameof(MaxCompressionRatio), MaxCompressionRatio, "The compression ratio limit must be at least 1.");
        NotNegative(CompressionAllowanceBytes, nameof(CompressionAllowanceBytes));
        Positive(MaxPickleObjects, nameof(MaxPickleObjects));
        Positive(MaxPickleMemoEntries, nameof(MaxPickleMemoEntries));
        Positive(MaxPickleStackDepth, nameof(MaxPickleStackDepth));
        Positive(MaxSafetensorsHeaderBytes, nameof(MaxSafetensorsHeaderBytes));
        return this;
    }

    /// <summary>
    /// The most bytes an entry of <paramref name="storedBytes"/> compressed bytes may declare once expanded.
    /// </summary>
    internal long MaxExpandedBytes(long storedBytes)
    {
        var byRatio = storedBytes * MaxCompressionRatio;
        return Math.Max(CompressionAllowanceBytes, byRatio >= long.MaxValue ? long.MaxValue : (long)byRatio);
    }

    /// <summary>How to name a limit in a message, so the user knows what to raise.</summary>
    internal static string Hint(string limit) => $" (raise ReadLimits.{limit} if the file is genuine)";

    private static void Positive(long value, string name)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(name, value, "Read limits must be positive.");
    }

    private static void NotNegative(long value, string name)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(name, value, "Read limits must not be negative.");
    }
}
