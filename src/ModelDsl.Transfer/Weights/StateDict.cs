using System.Collections;

namespace ModelDsl.Transfer.Weights;

/// <summary>
/// An ordered collection of named tensors, as PyTorch's <c>state_dict()</c> returns: the order of the
/// file is kept, and each name appears once.
/// </summary>
public sealed class StateDict : IReadOnlyList<TensorData>
{
    private readonly List<TensorData> _tensors = [];
    private readonly Dictionary<string, TensorData> _byName = new(StringComparer.Ordinal);

    /// <summary>Creates a state dict from tensors, keeping their order.</summary>
    /// <exception cref="ArgumentException">Two tensors share a name.</exception>
    public StateDict(IEnumerable<TensorData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        foreach (var tensor in tensors)
        {
            if (!_byName.TryAdd(tensor.Name, tensor))
            {
                throw new ArgumentException($"The state dict has two tensors named '{tensor.Name}'.", nameof(tensors));
            }
            _tensors.Add(tensor);
        }
        Metadata = metadata ?? new Dictionary<string, string>();
    }

    /// <summary>
    /// Free-form string metadata: safetensors' <c>__metadata__</c>; for a <c>.pth</c> file the module
    /// versions PyTorch keeps in <c>_metadata</c>, as <c>"prefix" → "version=N"</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor names in order.</summary>
    public IEnumerable<string> Names => _tensors.Select(t => t.Name);

    /// <inheritdoc />
    public int Count => _tensors.Count;

    /// <inheritdoc />
    public TensorData this[int index] => _tensors[index];

    /// <summary>The tensor with this name.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has this name; the message lists a few that exist.</exception>
    public TensorData this[string name] => _byName.TryGetValue(name, out var tensor)
        ? tensor
        : throw new KeyNotFoundException($"No tensor named '{name}' in the state dict (it has {Count}: {string.Join(", ", Names.Take(8))}{(Count > 8 ? ", ..." : "")}).");

    /// <summary>Looks a tensor up by name.</summary>
    public bool TryGet(string name, out TensorData tensor) => _byName.TryGetValue(name, out tensor!);

    /// <summary>Whether a tensor has this name.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <inheritdoc />
    public IEnumerator<TensorData> GetEnumerator() => _tensors.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
