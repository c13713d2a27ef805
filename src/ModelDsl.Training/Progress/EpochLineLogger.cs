using ModelDsl.Training.Callbacks;

namespace ModelDsl.Training.Progress;

/// <summary>
/// Writes one line per epoch (Keras's <c>verbose=2</c>): epoch, steps, time, and every logged value.
/// Used when output goes to a file or pipe, where a redrawn bar would be noise.
/// </summary>
/// <param name="writer">Where lines go.</param>
public sealed class EpochLineLogger(TextWriter writer) : Callback
{
    private readonly EpochClock clock = new();
    private int steps;

    /// <inheritdoc />
    public override bool WritesOutput => true;

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch, Logs logs)
    {
        steps = 0;
        clock.Restart();
    }

    /// <inheritdoc />
    public override void OnBatchEnd(int batch, Logs logs) => steps = batch + 1;

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        var t = clock.Elapsed;
        writer.WriteLine($"Epoch {epoch + 1}/{Session.Epochs} - {steps}/{Session.StepsPerEpoch} - {EpochClock.Duration(t)} {EpochClock.PerStep(t, steps)} - {logs.Format()}");
        writer.Flush();
    }
}
