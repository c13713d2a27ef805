using static TorchSharp.torch;

namespace ModelDsl.Training.Checkpoints;

/// <summary>What a checkpoint file holds, read without applying it to any model.</summary>
/// <param name="Epoch">The last completed epoch (0-based).</param>
/// <param name="ModelState">The model's <c>state_dict</c>, owned by the caller (dispose the tensors after use).</param>
/// <param name="OptimizerType">The TorchSharp optimizer class whose state was saved, or null when none was.</param>
/// <param name="Values">Named numbers saved with it, e.g. a <c>ModelCheckpoint</c>'s best monitored value.</param>
public sealed record CheckpointContents(int Epoch, Dictionary<string, Tensor> ModelState, string? OptimizerType, IReadOnlyDictionary<string, double> Values) : IDisposable
{
    /// <summary>Frees the model-state tensors.</summary>
    public void Dispose()
    {
        foreach (var t in ModelState.Values) t.Dispose();
    }
}
