using ModelDsl.Training.Data;
using static TorchSharp.torch;

namespace ModelDsl.Distributed.Tests;

public sealed class DataShardTests
{
    [Theory]
    [InlineData(96, 2)]
    [InlineData(96, 3)]
    [InlineData(10, 4)]
    [InlineData(7, 3)]
    public void PaddedShardsOfAnEpochAreEqualInLengthAndCoverItWithTheFewestRepeats(int total, int ranks)
    {
        var loader = new DataLoader(new IndexDataset(total), batchSize: 4, shuffle: true, seed: 5);
        var order = loader.Order(2);
        var shards = Enumerable.Range(0, ranks).Select(r => new DataShard(r, ranks).Select(order)).ToList();
        Assert.All(shards, s => Assert.Equal((total + ranks - 1) / ranks, s.Length));
        var all = shards.SelectMany(s => s).ToList();
        Assert.Equal(Enumerable.Range(0, total), all.Distinct().Order());
        // Padding repeats only the order's first entries, only as many as make the total a multiple of the ranks.
        var repeats = all.Count - total;
        Assert.Equal((ranks - total % ranks) % ranks, repeats);
        Assert.Equal(order.Take(repeats).Order(), all.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).Order());
    }

    [Theory]
    [InlineData(30, 4)]
    [InlineData(7, 3)]
    public void UnpaddedShardsArePartitionsOfTheOrder(int total, int ranks)
    {
        var order = Enumerable.Range(0, total).Reverse().ToArray();
        var shards = Enumerable.Range(0, ranks).Select(r => new DataShard(r, ranks, padToEqual: false).Select(order)).ToList();
        Assert.Equal(total, shards.Sum(s => s.Length));
        Assert.Equal(Enumerable.Range(0, total), shards.SelectMany(s => s).Order());
        Assert.True(shards.Max(s => s.Length) - shards.Min(s => s.Length) <= 1);
    }

    [Fact]
    public void TheShardsOfOneGlobalBatchAreTheBatchOfASingleProcess()
    {
        // Rank r's batch k of size B/N holds order positions r, r+N, ... of global batch k: same examples as one process.
        const int total = 96, global = 12, ranks = 3;
        var single = new DataLoader(new IndexDataset(total), global, shuffle: true, seed: 3);
        var order = single.Indices(0);
        for (var step = 0; step < single.BatchCount; step++)
        {
            var expected = order.Skip(step * global).Take(global).Order();
            var fromRanks = Enumerable.Range(0, ranks)
                .SelectMany(r => new DataLoader(new IndexDataset(total), global / ranks, shuffle: true, seed: 3, shard: new DataShard(r, ranks)).Indices(0)
                    .Skip(step * global / ranks).Take(global / ranks));
            Assert.Equal(expected, fromRanks.Order());
        }
    }

    [Fact]
    public void ALoaderCountsTheBatchesOfItsShard()
    {
        var loader = new DataLoader(new IndexDataset(100), batchSize: 8, shard: new DataShard(1, 3));
        Assert.Equal(34, loader.ExampleCount);
        Assert.Equal(5, loader.BatchCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataShard(3, 3));
    }

    /// <summary>Example i is the scalar i.</summary>
    private sealed class IndexDataset(int count) : IDataset
    {
        public int Count => count;

        public Batch GetBatch(ReadOnlySpan<int> indices)
        {
            var values = indices.ToArray().Select(i => (float)i).ToArray();
            return new Batch(tensor(values).DetachFromDisposeScope(), tensor(values).DetachFromDisposeScope());
        }
    }
}
