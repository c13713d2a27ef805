using System.Globalization;

namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// The <c>_metadata</c> of a PyTorch state dict (module prefix → <c>{"version": N}</c>) in the flat string
/// form <see cref="StateDict.Metadata"/> keeps it: <c>"layer1.0.bn1" → "version=1"</c>.
/// </summary>
internal static class ModuleVersions
{
    /// <summary>The module fields, or null when the metadata is not of this form (e.g. safetensors' own).</summary>
    public static List<(string Prefix, List<(string Field, long Value)> Fields)>? Parse(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.Count == 0) return null;
        var modules = new List<(string, List<(string, long)>)>();
        foreach (var (prefix, text) in metadata)
        {
            var fields = new List<(string, long)>();
            foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=');
                if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                {
                    return null;
                }
                fields.Add((parts[0], value));
            }
            modules.Add((prefix, fields));
        }
        return modules;
    }
}
