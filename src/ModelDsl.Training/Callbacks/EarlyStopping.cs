namespace ModelDsl.Training.Callbacks;

/// <summary>
/// Stops the fit when a monitored value has not improved for <c>patience</c> epochs (Keras's
/// <c>EarlyStopping</c>), optionally putting back the weights of the best epoch.
/// </summary>
public sealed class EarlyStopping : Callback
{
    private readonly Monitor monitor;
    private IDisposable? bestWeights;
    private int wait;

    /// <summary>Creates the callback.</summary>
    /// <param name="monitor">The logged value to watch.</param>
    /// <param name="minDelta">Smallest change that counts as an improvement.</param>
    /// <param name="patience">Epochs without improvement before stopping.</param>
    /// <param name="mode">Whether lower or higher is better.</param>
    /// <param name="restoreBestWeights">Put back the best epoch's weights when stopping or at the end.</param>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, MonitorMode mode = MonitorMode.Auto, bool restoreBestWeights = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        this.monitor = new Monitor(monitor, mode, minDelta);
        Patience = patience;
        RestoreBestWeights = restoreBestWeights;
    }

    /// <summary>Epochs without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>Whether the best weights are restored.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The epoch the fit was stopped after, or null if it ran to the end.</summary>
    public int? StoppedEpoch { get; private set; }

    /// <summary>The epoch with the best monitored value, or null before any.</summary>
    public int? BestEpoch { get; private set; }

    /// <summary>The best monitored value.</summary>
    public double Best => monitor.Best;

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs)
    {
        monitor.Reset();
        wait = 0;
        StoppedEpoch = BestEpoch = null;
        ReleaseBest();
    }

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        var current = monitor.Read(logs, nameof(EarlyStopping));
        if (monitor.Update(current))
        {
            wait = 0;
            BestEpoch = epoch;
            if (RestoreBestWeights)
            {
                ReleaseBest();
                bestWeights = Session.CaptureWeights();
            }
            return;
        }
        wait++;
        if (wait >= Patience)
        {
            StoppedEpoch = epoch;
            Session.StopTraining = true;
        }
    }

    /// <inheritdoc />
    public override void OnTrainEnd(Logs logs)
    {
        // Restoring at the end (not only when stopping) matches Keras 3: the model leaves the fit at its best.
        if (bestWeights is not null && BestEpoch is not null) Session.RestoreWeights(bestWeights);
        ReleaseBest();
    }

    private void ReleaseBest()
    {
        bestWeights?.Dispose();
        bestWeights = null;
    }
}
