using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Layers;

namespace ModelDsl.Cli;

/// <summary>
/// Reads a spec, applies <c>--set</c> overrides and instantiates one model, printing every diagnostic
/// MSBuild-style; shared by the commands that work on a single model (<c>summary</c>, <c>train</c>).
/// </summary>
internal static class SpecLoader
{
    /// <summary>The compiled model, or null with the exit code to return (after writing why to <paramref name="stderr"/>).</summary>
    public static ModelCompilation? Load(string path, string? modelName, IEnumerable<string> overrides, TextWriter stderr, out int exitCode)
    {
        exitCode = CliApp.Success;
        if (!SpecSource.TryRead(path, out var text, out var problem))
        {
            stderr.WriteLine("modeldsl: " + problem);
            exitCode = CliApp.UsageError;
            return null;
        }
        var arguments = new Dictionary<string, ArgValue>(StringComparer.Ordinal);
        foreach (var item in overrides)
        {
            if (!ArgumentText.TryParse(item, out var name, out var value))
            {
                stderr.WriteLine("modeldsl: --set expects name=value but got '" + item + "'");
                exitCode = CliApp.UsageError;
                return null;
            }
            arguments[name] = value;
        }
        var document = SpecDocument.Parse(text, path);
        foreach (var d in document.Diagnostics) stderr.WriteLine(d.ToStringWithNotes());
        if (document.Diagnostics.Any(d => d.Severity == SpecSeverity.Error))
        {
            exitCode = CliApp.SpecErrors;
            return null;
        }
        var chosen = modelName ?? DefaultModel(path, document);
        var compilation = document.Instantiate(chosen, arguments);
        foreach (var d in compilation.Diagnostics) stderr.WriteLine(d.ToStringWithNotes());
        if (compilation.HasErrors || compilation.Inference is null)
        {
            exitCode = CliApp.SpecErrors;
            return null;
        }
        return compilation;
    }

    // zoo:VGG13 names a model inside a family file (VGG.mdsl holds VGG11 ... VGG19BN); a file path means its first model.
    private static string DefaultModel(string path, SpecDocument document)
    {
        if (SpecSource.ZooName(path) is { } zooName && document.ModelNames.Contains(zooName, StringComparer.OrdinalIgnoreCase))
            return document.ModelNames.First(n => string.Equals(n, zooName, StringComparison.OrdinalIgnoreCase));
        return document.ModelNames.Count > 0 ? document.ModelNames[0] : string.Empty;
    }
}
