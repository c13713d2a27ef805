namespace ModelDsl.Training.Data;

/// <summary>
/// The part of every epoch one process visits in a data-parallel fit (PyTorch's <c>DistributedSampler</c>): every
/// process shuffles with the same seed, then process <see cref="Rank"/> takes positions
/// <c>Rank, Rank + Count, Rank + 2 Count, ...</c> of that order, so the shards of one epoch are disjoint and
/// together cover it.
/// </summary>
/// <remarks>
/// With <see cref="PadToEqual"/> (training; PyTorch's default <c>drop_last=False</c>) an order whose length is not a
/// multiple of <see cref="Count"/> is first extended by its own first entries, so every shard has the same length
/// and every process runs the same number of steps; those few examples are seen twice in that epoch. Without it
/// (evaluation) the shards differ by at most one example and each example is counted once.
/// </remarks>
public sealed record DataShard
{
    /// <summary>Creates the shard of process <paramref name="rank"/> among <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 1 or the rank is outside [0, count).</exception>
    public DataShard(int rank, int count, bool padToEqual = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (rank < 0 || rank >= count) throw new ArgumentOutOfRangeException(nameof(rank), $"Rank {rank} is outside 0..{count - 1}.");
        Rank = rank;
        Count = count;
        PadToEqual = padToEqual;
    }

    /// <summary>This process's index, 0-based.</summary>
    public int Rank { get; }

    /// <summary>How many processes share the data.</summary>
    public int Count { get; }

    /// <summary>Whether short orders are padded so that every shard has the same length.</summary>
    public bool PadToEqual { get; }

    /// <summary>The length of this shard of an order of <paramref name="total"/> examples.</summary>
    public int Length(int total) => PadToEqual
        ? (total + Count - 1) / Count
        : total / Count + (Rank < total % Count ? 1 : 0);

    /// <summary>This shard's entries of <paramref name="order"/> (an epoch's visiting order), in order.</summary>
    public int[] Select(int[] order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var shard = new int[Length(order.Length)];
        for (var i = 0; i < shard.Length; i++)
        {
            // Past the end only when padding; wrapping to the start repeats the order's first entries.
            var position = Rank + (long)i * Count;
            shard[i] = order[(int)(position % Math.Max(order.Length, 1))];
        }
        return shard;
    }
}
