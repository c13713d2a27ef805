using ModelDsl.Torch;
using ModelDsl.Torch.Nn;
using ModelDsl.Training.Data;

namespace ModelDsl.Transfer;

/// <summary>
/// Runs a (frozen) base once over a dataset and keeps its outputs: the feature-extraction workflow then
/// trains only the head on these cached features, which is much faster than running the base every epoch.
/// </summary>
public static class FeatureCache
{
    /// <summary>The base's eval-mode outputs for every example of <paramref name="data"/> with their targets, in order.</summary>
    /// <param name="baseModule">The base (run without gradients, in inference mode).</param>
    /// <param name="data">The examples.</param>
    /// <param name="batchSize">Examples per forward pass.</param>
    /// <param name="progress">Called after each batch with (done, total) examples.</param>
    public static TensorDataset Extract(Module baseModule, IDataset data, int batchSize = 64, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(baseModule);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.Count == 0) throw new ArgumentException("Cannot extract features of an empty dataset.", nameof(data));
        var wasTraining = baseModule.IsTraining;
        baseModule.Eval();
        var features = new List<Tensor>();
        var targets = new List<Tensor>();
        try
        {
            using var noGrad = NoGradScope.Begin();
            var done = 0;
            foreach (var batch in new DataLoader(data, batchSize).Epoch())
            {
                using (batch)
                {
                    var output = baseModule.Forward(batch.Inputs);
                    features.Add(output.DetachFromScope());
                    targets.Add(batch.Targets.Clone().DetachFromScope());
                    done += batch.Size;
                }
                progress?.Invoke(done, data.Count);
            }
            var allFeatures = Tensor.Cat(features, 0).DetachFromScope();
            var allTargets = Tensor.Cat(targets, 0).DetachFromScope();
            return new TensorDataset(allFeatures, allTargets);
        }
        finally
        {
            foreach (var t in features) t.Dispose();
            foreach (var t in targets) t.Dispose();
            baseModule.Train(wasTraining);
        }
    }
}
