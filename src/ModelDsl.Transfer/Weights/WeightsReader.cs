namespace ModelDsl.Transfer.Weights;

/// <summary>
/// An open weights file whose tensor names, types and shapes are known but whose bytes are read only
/// when enumerated, one storage at a time. Loading a large model through it keeps at most one tensor's
/// bytes in managed memory beside the model.
/// </summary>
public sealed class WeightsReader : IDisposable
{
    private readonly Func<Func<int, bool>, IEnumerable<(int Index, TensorData Tensor)>> _read;
    private readonly IDisposable _owner;
    private bool _disposed;

    internal WeightsReader(
        string source,
        IReadOnlyList<TensorInfo> tensors,
        IReadOnlyDictionary<string, string> metadata,
        Func<Func<int, bool>, IEnumerable<(int Index, TensorData Tensor)>> read,
        IDisposable owner)
    {
        Source = source;
        Tensors = tensors;
        Metadata = metadata;
        _read = read;
        _owner = owner;
    }

    /// <summary>The file (or stream name) being read.</summary>
    public string Source { get; }

    /// <summary>The tensors in the file's order, without their bytes.</summary>
    public IReadOnlyList<TensorInfo> Tensors { get; }

    /// <summary>The file's metadata; see <see cref="StateDict.Metadata"/>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>
    /// Reads the tensors <paramref name="include"/> accepts (all when null), each read when the enumeration
    /// reaches it, in storage order (the file's order unless storages are shared).
    /// </summary>
    /// <exception cref="WeightsFormatException">A storage is missing, truncated or corrupt.</exception>
    public IEnumerable<TensorData> ReadTensors(Func<TensorInfo, bool>? include = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _read(i => include is null || include(Tensors[i])).Select(t => t.Tensor);
    }

    /// <summary>Reads every tensor into a <see cref="StateDict"/> in the file's order.</summary>
    /// <exception cref="WeightsFormatException">A storage is missing, truncated or corrupt.</exception>
    public StateDict ReadStateDict()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var tensors = new TensorData[Tensors.Count];
        foreach (var (index, tensor) in _read(_ => true)) tensors[index] = tensor;
        return new StateDict(tensors, Metadata);
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _owner.Dispose();
    }
}
