using System.Globalization;

namespace ModelDsl.Training;

/// <summary>
/// The loss (or a metric) of a training batch was NaN or infinite, so the fit stopped there. The message names the
/// value, the 1-based epoch and the 1-based batch within it; <see cref="History"/> holds every epoch completed before it
/// (a <c>CsvLogger</c> file has the same rows).
/// </summary>
public sealed class NonFiniteLossException : Exception
{
    /// <summary>Creates the exception for a batch.</summary>
    /// <param name="quantity">The logged name that went non-finite, e.g. <c>loss</c>.</param>
    /// <param name="value">Its value (NaN or ±infinity).</param>
    /// <param name="epoch">The 0-based epoch.</param>
    /// <param name="batch">The 0-based batch within the epoch.</param>
    /// <param name="batchesPerEpoch">Batches per epoch.</param>
    /// <param name="history">The epochs completed before this batch.</param>
    public NonFiniteLossException(string quantity, double value, int epoch, int batch, int batchesPerEpoch, History history)
        : base(Describe(quantity, value, epoch, batch, batchesPerEpoch, history))
    {
        Quantity = quantity;
        Value = value;
        Epoch = epoch;
        Batch = batch;
        BatchesPerEpoch = batchesPerEpoch;
        History = history;
    }

    /// <summary>The logged name that went non-finite (<c>loss</c> or a metric name).</summary>
    public string Quantity { get; }

    /// <summary>The non-finite value.</summary>
    public double Value { get; }

    /// <summary>The 0-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>The 0-based batch within the epoch.</summary>
    public int Batch { get; }

    /// <summary>Batches per epoch.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>The epochs completed before the non-finite batch, as <c>Fit</c> would have returned them.</summary>
    public History History { get; }

    private static string Describe(string quantity, double value, int epoch, int batch, int batchesPerEpoch, History history)
    {
        var completed = history.Epochs.Count switch
        {
            0 => "No epoch completed before it.",
            1 => "The 1 epoch completed before it is in this exception's History (and any CsvLogger file).",
            var n => $"The {n} epochs completed before it are in this exception's History (and any CsvLogger file).",
        };
        return $"{quantity} is {value.ToString(CultureInfo.InvariantCulture)} at epoch {epoch + 1}, batch {batch + 1} (of {batchesPerEpoch}): " +
               "training diverged (too high a learning rate, bad inputs or targets, or log of zero). " + completed;
    }
}
