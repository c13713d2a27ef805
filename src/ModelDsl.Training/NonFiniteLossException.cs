namespace ModelDsl.Training;

/// <summary>The loss of a training batch was NaN or infinite.</summary>
public sealed class NonFiniteLossException : Exception
{
    /// <summary>Creates the exception for a batch.</summary>
    public NonFiniteLossException(int epoch, int batch, double loss)
        : base($"Loss is {loss} at epoch {epoch + 1}, batch {batch + 1}: training diverged (too high a learning rate, " +
               "bad inputs or targets, or log of zero). Add TerminateOnNaN to stop quietly instead.")
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
    }

    /// <summary>The 0-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>The 0-based batch within the epoch.</summary>
    public int Batch { get; }

    /// <summary>The non-finite loss.</summary>
    public double Loss { get; }
}
