using ModelDsl.Training.Data;

namespace TransferFashion;

/// <summary>The examples of some classes of a labelled dataset, relabelled 0..k-1 (class c becomes c - firstClass).</summary>
internal sealed class ClassSubset : IDataset
{
    private readonly IDataset source;
    private readonly int[] indices;
    private readonly int firstClass;

    public ClassSubset(IdxImageDataset source, int firstClass, int classCount, int? perClass = null, int seed = 0)
    {
        this.source = source;
        this.firstClass = firstClass;
        var byClass = Enumerable.Range(0, source.Count)
            .Where(i => source.Label(i) >= firstClass && source.Label(i) < firstClass + classCount)
            .GroupBy(source.Label);
        var random = new Random(seed);
        // A fixed random draw of perClass examples per class (the "50 labelled images per class").
        indices = byClass
            .SelectMany(g => perClass is { } n ? g.OrderBy(_ => random.Next()).Take(n) : g)
            .Order()
            .ToArray();
    }

    public int Count => indices.Length;

    public Batch GetBatch(ReadOnlySpan<int> batch)
    {
        var mapped = new int[batch.Length];
        for (var i = 0; i < batch.Length; i++) mapped[i] = indices[batch[i]];
        var data = source.GetBatch(mapped);
        if (firstClass == 0) return data;
        var shifted = data.Targets - (long)firstClass;
        data.Targets.Dispose();
        return new Batch(data.Inputs, shifted.DetachFromScope());
    }
}
