namespace ModelDsl.Distributed;

/// <summary>A data-parallel fit cannot go on; the message names the process (rank) at fault and what happened.</summary>
public class DataParallelException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="rank">The rank at fault, or -1 when none can be named.</param>
    /// <param name="message">What happened, for a user.</param>
    public DataParallelException(int rank, string message) : base(message) => Rank = rank;

    /// <summary>The rank at fault, or -1 when none can be named.</summary>
    public int Rank { get; }
}

/// <summary>Another process of the fit failed (threw, or returned an error); this one stops too.</summary>
/// <param name="rank">The process that failed.</param>
/// <param name="message">What it reported.</param>
public sealed class RankFailedException(int rank, string message) : DataParallelException(rank, message);

/// <summary>The processes do not train the same model on the same data with the same settings (found at the start of a fit).</summary>
/// <param name="rank">The first process that differs from rank 0.</param>
/// <param name="message">Every difference found, naming ranks and values.</param>
public sealed class RankMismatchException(int rank, string message) : DataParallelException(rank, message);

/// <summary>A collective call made no progress within the configured time: some process is stuck.</summary>
/// <param name="message">What was waited for and for how long.</param>
public sealed class CollectiveTimeoutException(string message) : DataParallelException(-1, message);
