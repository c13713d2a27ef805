using ModelDsl.Training.Checkpoints;
using TorchSharp.Modules;

namespace ModelDsl.Training;

public sealed partial class Trainer
{
    private IReadOnlyDictionary<string, double> resumedValues = new Dictionary<string, double>();

    /// <summary>
    /// Writes model state, optimizer state and <paramref name="epoch"/> (the last completed, 0-based) to
    /// <paramref name="path"/> in one file, atomically (see <see cref="CheckpointFile"/>).
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="epoch">The last completed epoch.</param>
    /// <param name="values">Named numbers callbacks keep across a resume (optional).</param>
    /// <exception cref="NotSupportedException">The optimizer is not one of TorchSharp's managed optimizers, whose state can be saved.</exception>
    public void SaveCheckpoint(string path, int epoch, IReadOnlyDictionary<string, double>? values = null) =>
        CheckpointFile.Save(path, epoch, Model, SavableOptimizer(), values);

    /// <summary>
    /// Restores model state and optimizer state (moments, step counts, learning rates) from a checkpoint and returns
    /// the epoch to resume at (pass it to <see cref="Fit"/> as <c>initialEpoch</c>). Values saved with it (e.g. the
    /// best value a best-only <c>ModelCheckpoint</c> had seen) reach the callbacks of the next fit that resumes.
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <exception cref="InvalidDataException">The file is damaged or does not fit this model/optimizer; the message names it.</exception>
    public int LoadCheckpoint(string path)
    {
        var (epoch, values) = CheckpointFile.Restore(path, Model, SavableOptimizer());
        resumedValues = values;
        return epoch + 1;
    }

    /// <summary>The values of the checkpoint last loaded, for a fit that resumes (initialEpoch above 0).</summary>
    internal IReadOnlyDictionary<string, double> ResumedValues => resumedValues;

    private OptimizerHelper SavableOptimizer() => Optimizer as OptimizerHelper
        ?? throw new NotSupportedException(
            $"Checkpoints save optimizer state through TorchSharp's OptimizerHelper; {Optimizer.GetType().Name} is a native optimizer without it. " +
            "Use one of torch.optim's managed optimizers (SGD, Adam, AdamW, RMSProp, ...).");
}
