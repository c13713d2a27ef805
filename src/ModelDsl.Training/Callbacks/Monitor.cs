namespace ModelDsl.Training.Callbacks;

/// <summary>Tracks the best value of one logged quantity, for the callbacks that watch one.</summary>
public sealed class Monitor
{
    private readonly double minDelta;

    /// <summary>Creates a monitor of <paramref name="key"/>.</summary>
    /// <param name="key">The logged name, e.g. <c>val_loss</c>.</param>
    /// <param name="mode">Which direction is better.</param>
    /// <param name="minDelta">The smallest change that counts as an improvement (its sign is ignored).</param>
    public Monitor(string key, MonitorMode mode = MonitorMode.Auto, double minDelta = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Key = key;
        HigherIsBetter = mode == MonitorMode.Max ||
            (mode == MonitorMode.Auto && (key.Contains("acc", StringComparison.Ordinal) || key.Contains("auc", StringComparison.Ordinal)));
        this.minDelta = Math.Abs(minDelta);
        Reset();
    }

    /// <summary>The monitored name.</summary>
    public string Key { get; }

    /// <summary>True when larger values are better.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>The best value seen (±infinity before any).</summary>
    public double Best { get; private set; }

    /// <summary>Sets the best value seen, e.g. from before a resume.</summary>
    /// <param name="best">The best value.</param>
    public void Restore(double best) => Best = best;

    /// <summary>Forgets the best value.</summary>
    public void Reset() => Best = HigherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>Whether <paramref name="value"/> beats <see cref="Best"/> by more than the minimum delta.</summary>
    public bool IsImprovement(double value) =>
        !double.IsNaN(value) && (HigherIsBetter ? value - minDelta > Best : value + minDelta < Best);

    /// <summary>Records <paramref name="value"/> when it is an improvement; returns whether it was.</summary>
    public bool Update(double value)
    {
        if (!IsImprovement(value)) return false;
        Best = value;
        return true;
    }

    /// <summary>The monitored value from <paramref name="logs"/>.</summary>
    /// <exception cref="InvalidOperationException">It was not logged; the message lists what was.</exception>
    public double Read(Logs logs, string owner)
    {
        if (logs.TryGetValue(Key, out var value)) return value;
        var hint = Key.StartsWith("val_", StringComparison.Ordinal) ? " Pass validation data (or a validation split) to Fit, or monitor a training value." : "";
        throw new InvalidOperationException(
            $"{owner} monitors '{Key}' but the epoch logs only have: {string.Join(", ", logs.Keys)}.{hint}");
    }
}
