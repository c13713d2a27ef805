using ModelDsl.Training.Data;

namespace TransferFashion;

/// <summary>Some examples of a labelled dataset whose classes start at <c>firstClass</c>, relabelled 0..k-1 (class c becomes c - firstClass).</summary>
internal sealed class ClassSubset : IDataset
{
    private readonly IDataset source;
    private readonly int[] indices;
    private readonly int firstClass;

    /// <summary>The examples at <paramref name="indices"/> of <paramref name="source"/>.</summary>
    public ClassSubset(IDataset source, IEnumerable<int> indices, int firstClass)
    {
        this.source = source;
        this.indices = [.. indices.Order()];
        this.firstClass = firstClass;
    }

    /// <summary>Every example of classes firstClass..firstClass+classCount-1.</summary>
    public static ClassSubset AllOf(IdxImageDataset source, int firstClass, int classCount) =>
        new(source, IndicesOf(source, firstClass, classCount).SelectMany(g => g), firstClass);

    /// <summary>The indices of each class in [firstClass, firstClass + classCount), class by class, in index order.</summary>
    public static int[][] IndicesOf(IdxImageDataset source, int firstClass, int classCount) =>
        [.. Enumerable.Range(firstClass, classCount).Select(c => Enumerable.Range(0, source.Count).Where(i => source.Label(i) == c).ToArray())];

    /// <summary>A random draw of <paramref name="perClass"/> indices from each class's pool (a fixed seed gives a fixed draw).</summary>
    public static IEnumerable<int> Draw(IEnumerable<int[]> pools, int perClass, int seed)
    {
        var random = new Random(seed);
        return pools.SelectMany(pool => pool.OrderBy(_ => random.Next()).Take(perClass)).ToArray();
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
        return new Batch(data.Inputs, shifted.DetachFromDisposeScope());
    }
}
