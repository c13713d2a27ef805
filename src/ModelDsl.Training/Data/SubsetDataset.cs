namespace ModelDsl.Training.Data;

/// <summary>A contiguous range of another dataset's examples (used for <c>validationSplit</c>).</summary>
public sealed class SubsetDataset : IDataset
{
    private readonly IDataset source;
    private readonly int start;

    /// <summary>Examples <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> - 1 of <paramref name="source"/>.</summary>
    public SubsetDataset(IDataset source, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (start < 0 || count < 0 || start + count > source.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Range [{start}, {start + count}) is outside the dataset of {source.Count} examples.");
        }
        this.source = source;
        this.start = start;
        Count = count;
    }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public Batch GetBatch(ReadOnlySpan<int> indices)
    {
        Span<int> shifted = indices.Length <= 1024 ? stackalloc int[indices.Length] : new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), $"Index {indices[i]} is outside the subset of {Count} examples.");
            shifted[i] = indices[i] + start;
        }
        return source.GetBatch(shifted);
    }
}
