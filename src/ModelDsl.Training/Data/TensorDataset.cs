using ModelDsl.Torch;
using ModelDsl.Training.Native;

namespace ModelDsl.Training.Data;

/// <summary>
/// An in-memory dataset over two tensors whose first dimension indexes examples (PyTorch's
/// <c>TensorDataset</c>, Keras's <c>fit(x, y)</c>). Batches are gathered with one native index-select each.
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
        var x = inputs.Shape;
        var y = targets.Shape;
        if (x.Length == 0 || y.Length == 0 || x[0] != y[0])
        {
            throw new ArgumentException(
                $"Inputs {Tensor.ShapeText(x)} and targets {Tensor.ShapeText(y)} must share their first (example) dimension.", nameof(targets));
        }
        // Moved out of any dispose scope: the dataset outlives the scope it was built in.
        this.inputs = inputs.DetachFromScope();
        this.targets = targets.DetachFromScope();
        Count = checked((int)x[0]);
    }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public Batch GetBatch(ReadOnlySpan<int> indices)
    {
        Span<long> rows = indices.Length <= 1024 ? stackalloc long[indices.Length] : new long[indices.Length];
        for (var i = 0; i < indices.Length; i++) rows[i] = indices[i];
        var x = Take(inputs, rows);
        try
        {
            return new Batch(x, Take(targets, rows));
        }
        catch
        {
            x.Dispose();
            throw;
        }
    }

    private static unsafe Tensor Take(Tensor source, ReadOnlySpan<long> rows)
    {
        fixed (long* p = rows)
        {
            var native = TrainingNative.mdsl_train_take_rows(source.Ptr, p, rows.Length);
            var result = Tensor.Result(native, "take_rows", source);
            // Batches belong to whoever asked for them (possibly another thread), never to a scope.
            return result.DetachFromScope();
        }
    }

    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        inputs.Dispose();
        targets.Dispose();
    }
}
