using ModelDsl.Spec.Zoo;

namespace ModelDsl.Cli;

/// <summary>Reads a spec from a file, or from the zoo when written <c>zoo:VGG16</c>.</summary>
internal static class SpecSource
{
    public const string ZooPrefix = "zoo:";

    /// <summary>The NAME of a <c>zoo:NAME</c> argument, or null for a file path.</summary>
    public static string? ZooName(string path) =>
        path.StartsWith(ZooPrefix, StringComparison.Ordinal) ? path.Substring(ZooPrefix.Length) : null;

    /// <summary>Returns false (with a message) when the file or zoo entry does not exist.</summary>
    public static bool TryRead(string path, out string text, out string error)
    {
        text = string.Empty;
        error = string.Empty;
        if (path.StartsWith(ZooPrefix, StringComparison.Ordinal))
        {
            var name = path.Substring(ZooPrefix.Length);
            if (ModelZoo.TryGetSource(name, out text)) return true;
            error = "no zoo model '" + name + "' (available: " + string.Join(", ", ModelZoo.Names) + ")";
            return false;
        }
        try
        {
            text = File.ReadAllText(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
        {
            error = "cannot read '" + path + "': " + ex.Message;
            return false;
        }
    }
}
