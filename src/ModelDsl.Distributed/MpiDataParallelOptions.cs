namespace ModelDsl.Distributed;

/// <summary>Settings of <see cref="MpiDataParallel"/>.</summary>
public sealed record MpiDataParallelOptions
{
    /// <summary>Largest gradient bucket: gradients are copied into buffers of at most this size, one Allreduce each (default 25 MB, as PyTorch DDP).</summary>
    public int BucketBytes { get; init; } = 25 * 1024 * 1024;

    /// <summary>What happens to BatchNorm's running statistics (default <see cref="BatchNormStatistics.PerRank"/>, PyTorch DDP's behaviour without buffer broadcast).</summary>
    public BatchNormStatistics BatchNorm { get; init; } = BatchNormStatistics.PerRank;

    /// <summary>
    /// How long a process waits in one collective call before it gives up with <see cref="CollectiveTimeoutException"/>
    /// (default 10 minutes: longer than any validation pass or checkpoint write a peer may be busy with).
    /// </summary>
    public TimeSpan CollectiveTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a failing process waits for the others to acknowledge its failure notice before the job is aborted (default 10 s).</summary>
    public TimeSpan FailureNoticeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where rank 0 announces the processes (rank, pid, host) and every process reports failures; default standard error.</summary>
    public TextWriter? Log { get; init; }
}
