using static TorchSharp.torch;

namespace ModelDsl.Training.Data;

/// <summary>
/// A source of (input, target) examples addressed by index. A data loader asks it for whole batches,
/// possibly from a background thread, so implementations must be safe to call concurrently.
/// </summary>
public interface IDataset
{
    /// <summary>Number of examples.</summary>
    int Count { get; }

    /// <summary>
    /// Materialises the examples at <paramref name="indices"/> as one batch; the caller owns it. The tensors
    /// must not belong to any dispose scope (the batch may cross threads), which is the case for tensors made
    /// outside a scope or detached with <c>DetachFromDisposeScope()</c>.
    /// </summary>
    Batch GetBatch(ReadOnlySpan<int> indices);
}

/// <summary>One batch: inputs shaped [N, ...] and targets shaped [N] (class indices) or [N, ...].</summary>
/// <param name="Inputs">The model inputs, batch first.</param>
/// <param name="Targets">The targets, batch first.</param>
public sealed record Batch(Tensor Inputs, Tensor Targets) : IDisposable
{
    /// <summary>Number of examples in the batch.</summary>
    public int Size => (int)Inputs.shape[0];

    /// <summary>Releases both tensors.</summary>
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }
}
