namespace ModelDsl.Training;

/// <summary>
/// The per-epoch values a fit produced (Keras's <c>History</c>): one list per logged name, aligned with
/// <see cref="Epochs"/>.
/// </summary>
public sealed class History
{
    private readonly List<int> epochs = [];
    private readonly Dictionary<string, List<double>> values = new(StringComparer.Ordinal);

    /// <summary>The 0-based epoch indices that completed, in order.</summary>
    public IReadOnlyList<int> Epochs => epochs;

    /// <summary>The logged names, in first-seen order.</summary>
    public IEnumerable<string> Keys => values.Keys;

    /// <summary>The values of <paramref name="key"/> per epoch (NaN for epochs where it was not logged).</summary>
    /// <exception cref="KeyNotFoundException">Nothing was logged under <paramref name="key"/>.</exception>
    public IReadOnlyList<double> this[string key] =>
        values.TryGetValue(key, out var list)
            ? list
            : throw new KeyNotFoundException($"History has no '{key}'; it has: {string.Join(", ", values.Keys)}.");

    /// <summary>Whether anything was logged under <paramref name="key"/>.</summary>
    public bool Contains(string key) => values.ContainsKey(key);

    /// <summary>Appends one epoch's logs.</summary>
    public void Add(int epoch, Logs logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        foreach (var key in logs.Keys)
        {
            if (!values.ContainsKey(key)) values[key] = Enumerable.Repeat(double.NaN, epochs.Count).ToList();
        }
        epochs.Add(epoch);
        foreach (var (key, list) in values) list.Add(logs.TryGetValue(key, out var v) ? v : double.NaN);
    }
}
