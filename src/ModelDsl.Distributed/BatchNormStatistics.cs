namespace ModelDsl.Distributed;

/// <summary>What happens to the running statistics of normalisation layers (BatchNorm's buffers) in a data-parallel fit.</summary>
public enum BatchNormStatistics
{
    /// <summary>Each process keeps the statistics of its own shard (PyTorch DDP without buffer broadcast); checkpoints hold rank 0's.</summary>
    PerRank,

    /// <summary>
    /// After every step the floating-point buffers are averaged over the processes, so all hold the same running
    /// statistics. The statistics a training batch is normalised with stay those of the process's own part of the
    /// batch (PyTorch's <c>SyncBatchNorm</c>, which normalises with global batch statistics, is not implemented).
    /// </summary>
    Averaged,
}
