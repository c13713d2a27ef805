using System.Globalization;

namespace ModelDsl.Training;

/// <summary>
/// Named scalar values passed to callbacks, as in Keras: <c>loss</c>, metric names, <c>val_</c>-prefixed
/// validation values and <c>lr</c>. Keys keep the order they were added in, which is the display order.
/// </summary>
public sealed class Logs : Dictionary<string, double>
{
    /// <summary>Creates empty logs.</summary>
    public Logs() : base(StringComparer.Ordinal)
    {
    }

    /// <summary>Creates a copy of <paramref name="other"/>.</summary>
    public Logs(IDictionary<string, double> other) : base(other, StringComparer.Ordinal)
    {
    }

    /// <summary>The value of <paramref name="key"/>, or null when it was not logged.</summary>
    public double? Get(string key) => TryGetValue(key, out var v) ? v : null;

    /// <summary>Renders the logs Keras-style: <c>loss: 0.2512 - accuracy: 0.9071</c>.</summary>
    public string Format(Func<string, bool>? include = null) =>
        string.Join(" - ", this.Where(kv => include?.Invoke(kv.Key) ?? true)
            .Select(kv => $"{kv.Key}: {FormatValue(kv.Value)}"));

    private static string FormatValue(double v) =>
        Math.Abs(v) is > 0 and < 1e-3 ? v.ToString("0.####e+0", CultureInfo.InvariantCulture) : v.ToString("0.0000", CultureInfo.InvariantCulture);
}
