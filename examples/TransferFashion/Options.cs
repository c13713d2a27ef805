using System.Globalization;

namespace TransferFashion;

/// <summary>
/// Command-line options as <c>--name value</c> pairs; every option has a default, so the defaults are the
/// example's recipe and a bare <c>dotnet run</c> runs it.
/// </summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> asked = new(StringComparer.Ordinal);

    public Options(string[] args)
    {
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value pairs, got \"{args[i]}\" (see README.md for the options).");
            }
            values[args[i][2..]] = args[i + 1];
        }
    }

    public string Text(string name, string fallback) => Get(name) ?? fallback;

    public int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public bool Bool(string name, bool fallback) => Get(name) is { } v ? bool.Parse(v) : fallback;

    public int[] Ints(string name, string fallback) =>
        [.. Text(name, fallback).Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))];

    /// <summary>Options given that nothing asked for (typos), known once the run has read all its options.</summary>
    public IEnumerable<string> Unused => values.Keys.Except(asked);

    private string? Get(string name)
    {
        asked.Add(name);
        return values.TryGetValue(name, out var v) ? v : null;
    }
}
