using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace ModelDsl.Generators.Tests.Infrastructure;

/// <summary>
/// A small snapshot helper following Verify's conventions (Verify itself is not served here):
/// <c>_snapshots/Class.Method#Hint.verified.cs</c> next to the tests; on mismatch the actual text is written
/// as <c>.received.cs</c> and the failure shows a DiffPlex diff; <c>MODELDSL_ACCEPT=1</c> accepts. The generator's
/// version in <c>[GeneratedCode]</c> is scrubbed to <c>{version}</c>, as Verify scrubs volatile values.
/// </summary>
public static class Snapshot
{
    /// <summary>Compares <paramref name="actual"/> with the verified file for this test and hint.</summary>
    /// <param name="actual">The text produced now.</param>
    /// <param name="hint">The generated file's hint name (e.g. <c>Demo.Net.g.cs</c>) or any label.</param>
    /// <param name="extension">The snapshot's extension without the dot.</param>
    /// <param name="testFile">Filled by the compiler: the test's source file (its name is the class part).</param>
    /// <param name="testMethod">Filled by the compiler: the test method.</param>
    public static void Verify(string actual, string hint, string extension = "cs",
        [CallerFilePath] string testFile = "", [CallerMemberName] string testMethod = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(testFile)!, "_snapshots");
        Directory.CreateDirectory(directory);
        var stem = hint.EndsWith("." + extension, StringComparison.Ordinal) ? hint[..^(extension.Length + 1)] : hint;
        var baseName = $"{Path.GetFileNameWithoutExtension(testFile)}.{testMethod}#{stem}";
        var verified = Path.Combine(directory, $"{baseName}.verified.{extension}");
        var received = Path.Combine(directory, $"{baseName}.received.{extension}");
        actual = Normalize(actual);

        var expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
        if (expected == actual)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        if (Environment.GetEnvironmentVariable("MODELDSL_ACCEPT") == "1")
        {
            File.WriteAllText(verified, actual, new UTF8Encoding(false));
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual, new UTF8Encoding(false));
        var message = expected is null
            ? $"No verified snapshot {Path.GetFileName(verified)}; the output was written to {Path.GetFileName(received)}. Review it and run with MODELDSL_ACCEPT=1 to accept."
            : $"Snapshot {Path.GetFileName(verified)} differs (received written beside it; MODELDSL_ACCEPT=1 accepts):\n{Diff(expected, actual)}";
        Assert.Fail(message);
    }

    // The generator's version is stamped into [GeneratedCode]; a version bump is not a change of the generated code.
    private static readonly System.Text.RegularExpressions.Regex GeneratorVersion =
        new("GeneratedCode\\(\"ModelDsl\\.Generators\", \"[^\"]*\"\\)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static string Normalize(string text)
        => GeneratorVersion.Replace(text.Replace("\r\n", "\n"), "GeneratedCode(\"ModelDsl.Generators\", \"{version}\")");

    private static string Diff(string expected, string actual)
    {
        var model = new InlineDiffBuilder(new DiffPlex.Differ()).BuildDiffModel(expected, actual);
        var sb = new StringBuilder();
        var shown = 0;
        foreach (var line in model.Lines)
        {
            if (line.Type == ChangeType.Unchanged) continue;
            sb.Append(line.Type == ChangeType.Inserted ? "+ " : line.Type == ChangeType.Deleted ? "- " : "  ").Append(line.Position).Append(": ").AppendLine(line.Text);
            if (++shown == 60)
            {
                sb.AppendLine("... (more differences)");
                break;
            }
        }
        return sb.ToString();
    }
}
