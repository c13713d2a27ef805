using ModelDsl.Training.Callbacks;
using static TorchSharp.torch;

namespace ModelDsl.Training;

/// <summary>The view of one running fit that the trainer gives its callbacks.</summary>
internal sealed class FitSession(Trainer trainer, int epochs, int stepsPerEpoch, int initialEpoch, int rank = 0, int worldSize = 1) : ITrainingSession
{
    public int Rank => rank;

    public int WorldSize => worldSize;

    public int Epochs => epochs;

    public int StepsPerEpoch => stepsPerEpoch;

    public bool StopTraining { get; set; }

    public double LearningRate
    {
        get => trainer.LearningRate;
        set => trainer.LearningRate = value;
    }

    public void SaveCheckpoint(string path, int epoch, IReadOnlyDictionary<string, double>? values = null) => trainer.SaveCheckpoint(path, epoch, values);

    public IReadOnlyDictionary<string, double> ResumedValues { get; } =
        initialEpoch > 0 ? trainer.ResumedValues : new Dictionary<string, double>();

    public IDisposable CaptureWeights() => new WeightsCopy(trainer.Model.state_dict());

    public void RestoreWeights(IDisposable weights)
    {
        if (weights is not WeightsCopy copy) throw new ArgumentException("Weights must come from CaptureWeights of the same fit.", nameof(weights));
        trainer.Model.load_state_dict(copy.Tensors);
    }

    /// <summary>Detached clones of a state dict, freed on dispose.</summary>
    private sealed class WeightsCopy : IDisposable
    {
        public WeightsCopy(Dictionary<string, Tensor> state)
        {
            using var noGrad = no_grad();
            Tensors = state.ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
        }

        public Dictionary<string, Tensor> Tensors { get; }

        public void Dispose()
        {
            foreach (var t in Tensors.Values) t.Dispose();
        }
    }
}
