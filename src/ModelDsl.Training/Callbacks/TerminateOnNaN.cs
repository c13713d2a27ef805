namespace ModelDsl.Training.Callbacks;

/// <summary>
/// Ends the fit quietly when a batch loss is NaN or infinite (Keras's <c>TerminateOnNaN</c>). Without it,
/// the trainer throws <see cref="NonFiniteLossException"/> naming the epoch and batch.
/// </summary>
public sealed class TerminateOnNaN : Callback
{
    private int epoch;

    /// <summary>Where the loss went non-finite, or null.</summary>
    public string? Reason { get; private set; }

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch, Logs logs) => this.epoch = epoch;

    /// <inheritdoc />
    public override void OnBatchEnd(int batch, Logs logs)
    {
        if (logs.TryGetValue("loss", out var loss) && !double.IsFinite(loss))
        {
            Reason = $"Loss became {loss} at epoch {epoch + 1}, batch {batch + 1}; training terminated.";
            Session.StopTraining = true;
        }
    }
}
