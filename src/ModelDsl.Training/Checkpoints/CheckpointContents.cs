using ModelDsl.Torch;

namespace ModelDsl.Training.Checkpoints;

/// <summary>What a checkpoint file holds.</summary>
/// <param name="Epoch">The last completed epoch (0-based).</param>
/// <param name="Tensors">The named tensors, owned by the caller (or the current dispose scope).</param>
/// <param name="Values">Named numbers saved with it, e.g. a <c>ModelCheckpoint</c>'s best monitored value.</param>
public sealed record CheckpointContents(int Epoch, Dictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>The epoch and tensors, for <c>var (epoch, tensors) = CheckpointFile.Load(path)</c>.</summary>
    /// <param name="epoch">The last completed epoch.</param>
    /// <param name="tensors">The named tensors.</param>
    public void Deconstruct(out int epoch, out Dictionary<string, Tensor> tensors)
    {
        epoch = Epoch;
        tensors = Tensors;
    }
}
