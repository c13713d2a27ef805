using System.Text;

namespace ModelDsl.Transfer.Weights;

/// <summary>A file tensor whose shape differs from the module's tensor of the same name (not loaded).</summary>
/// <param name="Key">The state-dict key.</param>
/// <param name="ModuleShape">The shape the module has.</param>
/// <param name="FileShape">The shape in the file.</param>
public sealed record WeightsShapeMismatch(string Key, IReadOnlyList<long> ModuleShape, IReadOnlyList<long> FileShape)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Key}: the module has {TensorData.FormatShape(ModuleShape)} but the file has {TensorData.FormatShape(FileShape)}";
}

/// <summary>What loading a weights file into a module did: how many tensors loaded, and which keys did not match.</summary>
/// <param name="FilePath">The weights file.</param>
/// <param name="Loaded">The number of tensors copied into the module.</param>
/// <param name="MissingKeys">Module parameters and buffers the file lacks (left as they were).</param>
/// <param name="UnexpectedKeys">File tensors the module has no place for (ignored).</param>
/// <param name="Mismatched">Tensors present in both with different shapes (not loaded).</param>
public sealed record LoadReport(
    string FilePath,
    int Loaded,
    IReadOnlyList<string> MissingKeys,
    IReadOnlyList<string> UnexpectedKeys,
    IReadOnlyList<WeightsShapeMismatch> Mismatched)
{
    /// <summary>Whether every module tensor was loaded and every file tensor used.</summary>
    public bool IsComplete => MissingKeys.Count == 0 && UnexpectedKeys.Count == 0 && Mismatched.Count == 0;

    /// <summary>A readable summary: the count loaded, then each missing, unexpected and mismatched key on its own line.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append($"Loaded {Loaded} tensor{(Loaded == 1 ? "" : "s")} from {FilePath}");
        if (IsComplete) return text.Append(": all keys matched.").ToString();
        text.AppendLine(":");
        Section(text, "missing from the file", MissingKeys);
        Section(text, "unexpected in the file", UnexpectedKeys);
        Section(text, "shape mismatch", Mismatched.Select(m => m.ToString()).ToList());
        return text.ToString().TrimEnd();
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0) return;
        text.AppendLine($"  {title} ({lines.Count}):");
        foreach (var line in lines) text.AppendLine($"    {line}");
    }
}
