namespace ModelDsl.Training.Callbacks;

/// <summary>
/// Multiplies the learning rate by <c>factor</c> when a monitored value has not improved for
/// <c>patience</c> epochs (Keras's <c>ReduceLROnPlateau</c>); logs the rate as <c>lr</c>.
/// </summary>
public sealed class ReduceLROnPlateau : Callback
{
    private readonly Monitor monitor;
    private int wait;
    private int cooldownLeft;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The logged value to watch.</param>
    /// <param name="factor">Multiplier applied to the rate, in (0, 1).</param>
    /// <param name="patience">Epochs without improvement before reducing.</param>
    /// <param name="mode">Whether lower or higher is better.</param>
    /// <param name="minDelta">Smallest change that counts as an improvement.</param>
    /// <param name="cooldown">Epochs to wait after a reduction before counting again.</param>
    /// <param name="minLearningRate">The rate never goes below this.</param>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, MonitorMode mode = MonitorMode.Auto,
        double minDelta = 1e-4, int cooldown = 0, double minLearningRate = 0)
    {
        if (!(factor is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(factor), $"ReduceLROnPlateau factor must be in (0, 1), got {factor}.");
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldown);
        this.monitor = new Monitor(monitor, mode, minDelta);
        Factor = factor;
        Patience = patience;
        Cooldown = cooldown;
        MinLearningRate = minLearningRate;
    }

    /// <summary>The multiplier applied on a plateau.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Epochs of rest after a reduction.</summary>
    public int Cooldown { get; }

    /// <summary>The lower bound of the rate.</summary>
    public double MinLearningRate { get; }

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs)
    {
        monitor.Reset();
        wait = cooldownLeft = 0;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        logs["lr"] = Session.LearningRate;
        var current = monitor.Read(logs, nameof(ReduceLROnPlateau));
        if (cooldownLeft > 0)
        {
            cooldownLeft--;
            wait = 0;
        }
        if (monitor.Update(current))
        {
            wait = 0;
            return;
        }
        if (cooldownLeft > 0) return;
        wait++;
        if (wait < Patience) return;
        var lr = Session.LearningRate;
        if (lr > MinLearningRate)
        {
            Session.LearningRate = Math.Max(lr * Factor, MinLearningRate);
            cooldownLeft = Cooldown;
            wait = 0;
        }
    }
}
