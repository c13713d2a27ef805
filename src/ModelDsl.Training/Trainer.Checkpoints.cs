using ModelDsl.Torch;
using ModelDsl.Training.Checkpoints;

namespace ModelDsl.Training;

public sealed partial class Trainer
{
    private const string ModelPrefix = "model.";
    private const string OptimizerPrefix = "optimizer.";

    private IReadOnlyDictionary<string, double> resumedValues = new Dictionary<string, double>();

    /// <summary>
    /// Writes model weights, optimizer state and <paramref name="epoch"/> (the last completed, 0-based) to
    /// <paramref name="path"/> atomically (see <see cref="CheckpointFile"/>).
    /// </summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="epoch">The last completed epoch.</param>
    /// <param name="values">Named numbers callbacks keep across a resume (optional).</param>
    public void SaveCheckpoint(string path, int epoch, IReadOnlyDictionary<string, double>? values = null)
    {
        using var scope = DisposeScope.Begin();
        var tensors = Model.StateDict().Select(kv => KeyValuePair.Create(ModelPrefix + kv.Key, kv.Value))
            .Concat(Optimizer.StateDict().Select(kv => KeyValuePair.Create(OptimizerPrefix + kv.Key, kv.Value)));
        CheckpointFile.Save(path, epoch, tensors, values);
    }

    /// <summary>
    /// Restores model weights and optimizer state from a checkpoint and returns the epoch to resume at
    /// (pass it to <see cref="Fit"/> as <c>initialEpoch</c>). Values saved with it (e.g. the best value a
    /// best-only <c>ModelCheckpoint</c> had seen) reach the callbacks of the next fit that resumes.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is damaged or does not fit this model/optimizer; the message names it.</exception>
    public int LoadCheckpoint(string path)
    {
        using var scope = DisposeScope.Begin();
        var (epoch, tensors, values) = CheckpointFile.Load(path);
        var model = Section(tensors, ModelPrefix);
        var optimizer = Section(tensors, OptimizerPrefix);
        try
        {
            Model.LoadStateDict(model);
            Optimizer.LoadStateDict(optimizer);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidDataException($"Checkpoint '{path}' does not fit this trainer: {e.Message}", e);
        }
        resumedValues = values;
        return epoch + 1;
    }

    /// <summary>The values of the checkpoint last loaded, for a fit that resumes (initialEpoch above 0).</summary>
    internal IReadOnlyDictionary<string, double> ResumedValues => resumedValues;

    private static Dictionary<string, Tensor> Section(Dictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value, StringComparer.Ordinal);
}
