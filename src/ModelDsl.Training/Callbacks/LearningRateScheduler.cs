namespace ModelDsl.Training.Callbacks;

/// <summary>
/// Sets the learning rate at the start of each epoch from a schedule (Keras's <c>LearningRateScheduler</c>);
/// logs the rate as <c>lr</c>.
/// </summary>
/// <param name="schedule">Maps (0-based epoch, current rate) to the rate for that epoch.</param>
public sealed class LearningRateScheduler(Func<int, double, double> schedule) : Callback
{
    private readonly Func<int, double, double> schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));

    /// <inheritdoc />
    public override void OnEpochBegin(int epoch, Logs logs)
    {
        var lr = schedule(epoch, Session.LearningRate);
        if (!double.IsFinite(lr) || lr < 0)
        {
            throw new InvalidOperationException($"The learning-rate schedule returned {lr} for epoch {epoch + 1}; it must be a finite, non-negative number.");
        }
        Session.LearningRate = lr;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs) => logs["lr"] = Session.LearningRate;
}
