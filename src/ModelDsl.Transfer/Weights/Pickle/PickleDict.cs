namespace ModelDsl.Transfer.Weights.Pickle;

/// <summary>
/// A Python <c>dict</c> or <c>collections.OrderedDict</c>: insertion-ordered, keyed by strings or
/// integers. <see cref="Attributes"/> holds what a BUILD opcode set on it — for a state dict PyTorch
/// stores the module versions there as <c>_metadata</c>.
/// </summary>
internal sealed class PickleDict
{
    private readonly OrderedDictionary<object, object?> _items = [];

    public int Count => _items.Count;

    public IEnumerable<KeyValuePair<object, object?>> Items => _items;

    public PickleDict? Attributes { get; set; }

    public object? this[object key]
    {
        get => _items[key];
        set => _items[key] = value;
    }

    public bool TryGetValue(object key, out object? value) => _items.TryGetValue(key, out value);

    public void Set(object? key, object? value)
    {
        // Python allows None and tuples as keys; state dicts and checkpoints never use them.
        if (key is not (string or long or bool))
        {
            throw new PickleException($"unsupported dict key of type {PickleValues.Describe(key)}");
        }
        _items[key] = value;
    }
}
