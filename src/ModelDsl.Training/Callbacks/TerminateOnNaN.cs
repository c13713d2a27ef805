namespace ModelDsl.Training.Callbacks;

/// <summary>
/// Stops the fit at the batch whose loss is NaN or infinite (Keras's <c>TerminateOnNaN</c>) and records where in
/// <see cref="Reason"/>. The trainer stops there by itself too and always reports it as a
/// <see cref="NonFiniteLossException"/> (with the completed epochs in its <c>History</c>), so weights that have
/// diverged are never mistaken for a finished fit; this callback keeps Keras code and its <see cref="Reason"/> working.
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
