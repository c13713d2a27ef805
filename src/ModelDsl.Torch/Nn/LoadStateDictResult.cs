namespace ModelDsl.Torch.Nn;

/// <summary>A state_dict key whose tensor has a different shape from the module's.</summary>
/// <param name="Key">The dotted name.</param>
/// <param name="Expected">The module's shape.</param>
/// <param name="Actual">The loaded tensor's shape.</param>
public sealed record ShapeMismatch(string Key, long[] Expected, long[] Actual)
{
    /// <inheritdoc />
    public override string ToString() => $"{Key}: expected [{string.Join(", ", Expected)}] but the loaded tensor is [{string.Join(", ", Actual)}]";
}

/// <summary>What <see cref="Module.LoadStateDict"/> could not match (PyTorch's <c>_IncompatibleKeys</c>, plus shapes).</summary>
/// <param name="MissingKeys">Module state absent from the dictionary (left unchanged).</param>
/// <param name="UnexpectedKeys">Dictionary entries the module has no state for (ignored).</param>
/// <param name="ShapeMismatches">Entries whose shape differs from the module's (not loaded).</param>
public sealed record LoadStateDictResult(
    IReadOnlyList<string> MissingKeys,
    IReadOnlyList<string> UnexpectedKeys,
    IReadOnlyList<ShapeMismatch> ShapeMismatches)
{
    /// <summary>Whether every key matched with its shape.</summary>
    public bool IsComplete => MissingKeys.Count == 0 && UnexpectedKeys.Count == 0 && ShapeMismatches.Count == 0;

    /// <summary>A message listing every problem, one per line.</summary>
    public string Describe()
    {
        var lines = new List<string>();
        lines.AddRange(MissingKeys.Select(k => $"missing key: {k}"));
        lines.AddRange(UnexpectedKeys.Select(k => $"unexpected key: {k}"));
        lines.AddRange(ShapeMismatches.Select(m => $"shape mismatch: {m}"));
        return string.Join(Environment.NewLine, lines);
    }
}
