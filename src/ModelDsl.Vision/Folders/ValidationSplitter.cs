namespace ModelDsl.Vision;

/// <summary>
/// Splits images into training and validation per class, so both sides keep the class balance. Each class's
/// files are permuted with the seed and the first <c>floor(split * n)</c> go to validation (Keras takes the
/// first files unpermuted); the two subsets are complements, so they never overlap.
/// </summary>
internal static class ValidationSplitter
{
    internal static List<ImageEntry> Select(IReadOnlyList<ImageEntry> entries, int classCount, double split, Subset subset, int seed)
    {
        if (split == 0) return [.. entries];
        var random = new Random(seed);
        var selected = new List<ImageEntry>();
        for (var label = 0; label < classCount; label++)
        {
            var ofClass = entries.Where(e => e.Label == label).ToArray();
            random.Shuffle(ofClass);
            var held = (int)Math.Floor(split * ofClass.Length);
            var side = subset == Subset.Validation ? ofClass.Take(held) : ofClass.Skip(held);
            // Back to file-name order inside the class, so the split only decides membership.
            selected.AddRange(side.OrderBy(e => e.Path, StringComparer.Ordinal));
        }
        return selected;
    }
}
