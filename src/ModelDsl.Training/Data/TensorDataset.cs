using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Training.Data;

/// <summary>
/// An in-memory dataset over two tensors whose first dimension indexes examples (PyTorch's
/// <c>TensorDataset</c>, Keras's <c>fit(x, y)</c>). Batches are gathered with one <c>index_select</c> each.
/// </summary>
/// <remarks>The dataset takes ownership of both tensors: dispose it to free them.</remarks>
public sealed class TensorDataset : IDataset, IDisposable
{
    private readonly Tensor inputs;
    private readonly Tensor targets;

    /// <summary>Creates the dataset; it owns <paramref name="inputs"/> and <paramref name="targets"/> from now on.</summary>
    /// <exception cref="ArgumentException">The tensors have no batch dimension or disagree on the example count.</exception>
    public TensorDataset(Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        var x = inputs.shape;
        var y = targets.shape;
        if (x.Length == 0 || y.Length == 0 || x[0] != y[0])
        {
            throw new ArgumentException(
                $"Inputs [{string.Join(", ", x)}] and targets [{string.Join(", ", y)}] must share their first (example) dimension.", nameof(targets));
        }
        // Moved out of any dispose scope: the dataset outlives the scope it was built in.
        this.inputs = inputs.DetachFromDisposeScope();
        this.targets = targets.DetachFromDisposeScope();
        Count = checked((int)x[0]);
    }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public Batch GetBatch(ReadOnlySpan<int> indices)
    {
        var rows = new long[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            if ((uint)indices[i] >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), $"Index {indices[i]} is outside the dataset of {Count} examples.");
            rows[i] = indices[i];
        }
        // A scope of our own: the index tensor dies here, the two batch tensors escape to no scope at all
        // (batches belong to whoever asked for them, possibly on another thread).
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var index = tensor(rows, ScalarType.Int64, inputs.device);
        var x = inputs.index_select(0, index).DetachFromDisposeScope();
        var t = targets.index_select(0, index.to(targets.device)).DetachFromDisposeScope();
        return new Batch(x, t);
    }

    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        inputs.Dispose();
        targets.Dispose();
    }
}
