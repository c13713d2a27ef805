using ModelDsl.Training.Data;
using static TorchSharp.torch;

namespace ModelDsl.Transfer;

/// <summary>
/// Runs a (frozen) base once over a dataset and keeps its outputs: the feature-extraction workflow then
/// trains only the head on these cached features, which is much faster than running the base every epoch.
/// </summary>
public static class FeatureCache
{
    /// <summary>The base's eval-mode outputs for every example of <paramref name="data"/> with their targets, in order.</summary>
    /// <param name="baseModule">The base (run without gradients, in inference mode; its mode is restored afterwards).</param>
    /// <param name="data">The examples.</param>
    /// <param name="batchSize">Examples per forward pass.</param>
    /// <param name="progress">Called after each batch with (done, total) examples.</param>
    /// <returns>A dataset of features and targets the caller owns (and disposes).</returns>
    public static TensorDataset Extract(nn.Module<Tensor, Tensor> baseModule, IDataset data, int batchSize = 64, Action<int, int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(baseModule);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.Count == 0) throw new ArgumentException("Cannot extract features of an empty dataset.", nameof(data));
        var wasTraining = baseModule.training;
        baseModule.eval();
        // The pieces and the result belong to no dispose scope: the dataset may be read from a loader thread.
        var features = new List<Tensor>();
        var targets = new List<Tensor>();
        try
        {
            using var noGrad = no_grad();
            var done = 0;
            foreach (var batch in new DataLoader(data, batchSize).Epoch())
            {
                using (batch)
                using (var scope = NewDisposeScope())
                {
                    features.Add(baseModule.call(batch.Inputs).DetachFromDisposeScope());
                    targets.Add(batch.Targets.clone().DetachFromDisposeScope());
                    done += batch.Size;
                }
                progress?.Invoke(done, data.Count);
            }
            return new TensorDataset(cat(features, 0).DetachFromDisposeScope(), cat(targets, 0).DetachFromDisposeScope());
        }
        finally
        {
            foreach (var t in features) t.Dispose();
            foreach (var t in targets) t.Dispose();
            baseModule.train(wasTraining);
        }
    }
}
