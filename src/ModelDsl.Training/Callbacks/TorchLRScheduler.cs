using static TorchSharp.torch.optim.lr_scheduler;

namespace ModelDsl.Training.Callbacks;

/// <summary>
/// Steps a TorchSharp learning-rate scheduler (<c>torch.optim.lr_scheduler.StepLR</c>, <c>CosineAnnealingLR</c>,
/// <c>OneCycleLR</c>, <c>ReduceLROnPlateau</c>, ...) once per epoch, after the epoch's values are known, and
/// logs the rate as <c>lr</c>. The scheduler must be built over the trainer's optimizer.
/// </summary>
/// <remarks>
/// The optimizer's learning rates are saved in checkpoints; the scheduler's own epoch counter is not. When
/// resuming at <c>initialEpoch</c>, build the scheduler as it would be after <c>initialEpoch</c> steps
/// (e.g. call <c>step()</c> that many times on a fresh optimizer before loading the checkpoint).
/// </remarks>
public sealed class TorchLRScheduler : Callback
{
    private readonly LRScheduler scheduler;
    private readonly string? monitor;

    /// <summary>Creates the callback.</summary>
    /// <param name="scheduler">The TorchSharp scheduler.</param>
    /// <param name="monitor">A logged value passed to <c>step(value)</c> (needed by <c>ReduceLROnPlateau</c>); null steps without one.</param>
    public TorchLRScheduler(LRScheduler scheduler, string? monitor = null)
    {
        this.scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        this.monitor = monitor;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        logs["lr"] = Session.LearningRate;
        if (monitor is null)
        {
            scheduler.step();
            return;
        }
        if (!logs.TryGetValue(monitor, out var value))
        {
            throw new InvalidOperationException($"{nameof(TorchLRScheduler)} monitors '{monitor}', which was not logged; logged: {string.Join(", ", logs.Keys)}.");
        }
        scheduler.step(value);
    }
}
