using System.Text;

namespace ModelDsl.Transfer.Weights;

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
