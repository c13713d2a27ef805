namespace ModelDsl.Training.Callbacks;

/// <summary>
/// Saves a checkpoint (model weights, optimizer state, epoch) after each epoch, or only when a monitored
/// value improves (Keras's <c>ModelCheckpoint</c>). Files are written atomically; a fit can resume from one
/// with <c>Trainer.LoadCheckpoint</c> and <c>initialEpoch</c>. The best value so far is saved in each file
/// and restored on resume, so a resumed best-only run does not overwrite a better checkpoint with a
/// worse epoch (Keras needs <c>initial_value_threshold</c> for that).
/// </summary>
public sealed class ModelCheckpoint : Callback
{
    private readonly Monitor monitor;

    /// <summary>Creates the callback.</summary>
    /// <param name="filePattern">Path pattern, e.g. <c>runs/x/ckpt-{epoch:02d}-{val_loss:.4f}.pt</c> (see <see cref="PathPattern"/>).</param>
    /// <param name="monitor">The logged value that decides "best".</param>
    /// <param name="mode">Whether lower or higher is better.</param>
    /// <param name="saveBestOnly">Save only when the monitored value improves.</param>
    public ModelCheckpoint(string filePattern, string monitor = "val_loss", MonitorMode mode = MonitorMode.Auto, bool saveBestOnly = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePattern);
        FilePattern = filePattern;
        this.monitor = new Monitor(monitor, mode);
        SaveBestOnly = saveBestOnly;
    }

    /// <summary>The path pattern.</summary>
    public string FilePattern { get; }

    /// <summary>Whether only improvements are saved.</summary>
    public bool SaveBestOnly { get; }

    /// <summary>The best monitored value so far.</summary>
    public double Best => monitor.Best;

    /// <summary>The epoch of the best monitored value, or null.</summary>
    public int? BestEpoch { get; private set; }

    /// <summary>The file written for the best epoch, or null.</summary>
    public string? BestPath { get; private set; }

    /// <summary>The last file written, or null.</summary>
    public string? LastPath { get; private set; }

    /// <inheritdoc />
    public override bool WritesOutput => true;

    /// <inheritdoc />
    public override void OnTrainBegin(Logs logs)
    {
        monitor.Reset();
        if (Session.ResumedValues.TryGetValue(BestValueKey, out var best)) monitor.Restore(best);
        BestEpoch = null;
        BestPath = LastPath = null;
    }

    private string BestValueKey => "ModelCheckpoint.best." + monitor.Key;

    /// <inheritdoc />
    public override void OnEpochEnd(int epoch, Logs logs)
    {
        var improved = false;
        if (SaveBestOnly || logs.ContainsKey(monitor.Key))
        {
            improved = monitor.Update(monitor.Read(logs, nameof(ModelCheckpoint)));
        }
        if (SaveBestOnly && !improved) return;
        var path = PathPattern.Format(FilePattern, epoch, logs);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        Session.SaveCheckpoint(path, epoch, new Dictionary<string, double> { [BestValueKey] = monitor.Best });
        LastPath = path;
        if (improved)
        {
            BestEpoch = epoch;
            BestPath = path;
        }
    }
}
