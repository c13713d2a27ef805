using ModelDsl.Training.Callbacks;

namespace ModelDsl.Training.Tests.Callbacks;

/// <summary>
/// Drives callbacks through a scripted sequence of epoch logs without a model: the "weights" are one number
/// (the epoch that produced them) so tests can see which epoch's weights a callback restored or saved.
/// The trainer-backed tests in TrainerCallbackTests check the same behaviour on a real model.
/// </summary>
internal sealed class ScriptedSession : ITrainingSession
{
    private sealed record Snapshot(int Weights) : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    public int Epochs { get; init; } = 100;

    public int StepsPerEpoch { get; init; } = 10;

    public bool StopTraining { get; set; }

    public double LearningRate { get; set; } = 0.1;

    public int Weights { get; private set; } = -1;

    public List<(string Path, int Epoch)> Saved { get; } = [];

    public Dictionary<string, double> ResumedValues { get; init; } = [];

    IReadOnlyDictionary<string, double> ITrainingSession.ResumedValues => ResumedValues;

    public List<IReadOnlyDictionary<string, double>?> SavedValues { get; } = [];

    public void SaveCheckpoint(string path, int epoch, IReadOnlyDictionary<string, double>? values = null)
    {
        File.WriteAllText(path, $"weights of epoch {Weights}");
        Saved.Add((path, epoch));
        SavedValues.Add(values);
    }

    public IDisposable CaptureWeights() => new Snapshot(Weights);

    public void RestoreWeights(IDisposable weights) => Weights = ((Snapshot)weights).Weights;

    /// <summary>Runs epochs with the given values of <paramref name="key"/>; returns how many ran.</summary>
    public int Run(Callback callback, string key, params double[] values)
    {
        callback.Attach(this);
        callback.OnTrainBegin(new Logs());
        var ran = 0;
        for (var epoch = 0; epoch < values.Length && !StopTraining; epoch++)
        {
            callback.OnEpochBegin(epoch, new Logs());
            Weights = epoch;
            callback.OnEpochEnd(epoch, new Logs { ["loss"] = 1.0 / (epoch + 1), [key] = values[epoch] });
            ran++;
        }
        callback.OnTrainEnd(new Logs());
        return ran;
    }
}
