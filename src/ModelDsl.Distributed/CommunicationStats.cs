namespace ModelDsl.Distributed;

/// <summary>What this process's collective calls cost since the last <see cref="Reset"/> (for benchmarks and logs).</summary>
public sealed class CommunicationStats
{
    /// <summary>Time spent waiting in collective calls (including waiting for slower peers).</summary>
    public TimeSpan CommunicationTime { get; internal set; }

    /// <summary>Time spent copying gradients into and out of the Allreduce buckets.</summary>
    public TimeSpan CopyTime { get; internal set; }

    /// <summary>Bytes this process contributed to Allreduce calls (gradients, buffers, metrics, votes).</summary>
    public long BytesReduced { get; internal set; }

    /// <summary>Bytes broadcast from rank 0 (initial state).</summary>
    public long BytesBroadcast { get; internal set; }

    /// <summary>Gradient synchronisations (steps) counted.</summary>
    public long Steps { get; internal set; }

    /// <summary>Clears the counters.</summary>
    public void Reset()
    {
        CommunicationTime = CopyTime = TimeSpan.Zero;
        BytesReduced = BytesBroadcast = Steps = 0;
    }
}
