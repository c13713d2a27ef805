using ModelDsl.Torch;
using ModelDsl.Training.Data;

namespace ModelDsl.Training.Tests.Data;

public sealed class DataLoaderTests
{
    /// <summary>Example i has input [i, -i] and target i, so batches show which examples they hold.</summary>
    private static TensorDataset Numbered(int count)
    {
        var x = new float[count * 2];
        var y = new long[count];
        for (var i = 0; i < count; i++)
        {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i;
        }
        return new TensorDataset(Tensor.FromArray(x, count, 2), Tensor.FromArray(y, count));
    }

    private static List<long[]> Targets(DataLoader loader, int epoch)
    {
        var result = new List<long[]>();
        foreach (var batch in loader.Epoch(epoch))
        {
            using (batch)
            {
                var inputs = batch.Inputs.ToArray<float>();
                var targets = batch.Targets.ToArray<long>();
                for (var i = 0; i < targets.Length; i++) Assert.Equal(targets[i], (long)inputs[2 * i]);
                result.Add(targets);
            }
        }
        return result;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Batches_cover_every_example_once_in_order_without_shuffle(int prefetch)
    {
        using var data = Numbered(10);
        var batches = Targets(new DataLoader(data, 4, prefetch: prefetch), 0);

        Assert.Equal([4, 4, 2], batches.Select(b => b.Length));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), batches.SelectMany(b => b));
    }

    [Fact]
    public void Drop_last_skips_the_short_batch()
    {
        using var data = Numbered(10);
        var loader = new DataLoader(data, 4, dropLast: true);
        Assert.Equal(2, loader.BatchCount);
        Assert.Equal(8, Targets(loader, 0).Sum(b => b.Length));
    }

    [Fact]
    public void A_seeded_order_is_the_same_in_every_process()
    {
        // Fixed expectation: a per-process hash in the seed mix once made every run shuffle differently.
        var data = new TensorDataset(Tensor.Arange(10).Reshape(10, 1), Tensor.Arange(10));
        using (data) Assert.Equal([6, 5, 0, 8, 3, 1, 9, 4, 7, 2], new DataLoader(data, 4, shuffle: true, seed: 1).Order(2));
    }

    [Fact]
    public void Shuffling_is_a_permutation_that_depends_only_on_seed_and_epoch()
    {
        using var data = Numbered(50);
        var a = new DataLoader(data, 8, shuffle: true, seed: 3);
        var b = new DataLoader(data, 8, shuffle: true, seed: 3);

        var epoch1 = Targets(a, 1).SelectMany(x => x).ToArray();
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), epoch1.Order());
        Assert.Equal(epoch1, Targets(b, 1).SelectMany(x => x)); // same seed and epoch, even with no epoch 0 before
        Assert.NotEqual(epoch1, Targets(a, 2).SelectMany(x => x));
        Assert.NotEqual(a.Order(1), new DataLoader(data, 8, shuffle: true, seed: 4).Order(1));
    }

    [Fact]
    public void Stopping_early_frees_the_prefetched_batches_and_the_worker()
    {
        var data = new CountingDataset(100);
        var loader = new DataLoader(data, 5, prefetch: 3);

        foreach (var batch in loader.Epoch())
        {
            batch.Dispose();
            break;
        }

        Assert.True(data.Created.Count >= 2, "the worker should have run ahead");
        Assert.All(data.Created, b => Assert.True(b.Inputs.IsClosed, "every batch built ahead is released"));
    }

    [Fact]
    public void A_failing_batch_surfaces_on_the_consumer_with_its_own_exception()
    {
        var loader = new DataLoader(new CountingDataset(20, failAt: 2), 5, prefetch: 2);

        var e = Assert.Throws<InvalidDataException>(() =>
        {
            foreach (var batch in loader.Epoch()) batch.Dispose();
        });
        Assert.Contains("batch 2 is corrupt", e.Message);
    }

    private sealed class CountingDataset(int count, int failAt = -1) : IDataset
    {
        public List<Batch> Created { get; } = [];

        public int Count => count;

        public Batch GetBatch(ReadOnlySpan<int> indices)
        {
            lock (Created)
            {
                if (Created.Count == failAt) throw new InvalidDataException($"batch {failAt} is corrupt");
                var batch = new Batch(Tensor.Zeros(indices.Length, 1).DetachFromScope(), Tensor.Zeros(indices.Length).DetachFromScope());
                Created.Add(batch);
                return batch;
            }
        }
    }
}
