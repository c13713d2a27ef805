using System.CommandLine;

namespace ModelDsl.Cli;

/// <summary>
/// The <c>modeldsl</c> command line: <c>summary</c> prints a model's table, <c>check</c> prints
/// diagnostics in MSBuild format, <c>train</c> trains a spec'd model on an IDX data directory and
/// <c>augment-preview</c> writes a PNG grid of augmented images and
/// <c>state-dict</c> lists the weights a spec implies; <c>lsp</c> serves editors. Writers are parameters so tests run it in-process.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code: no errors.</summary>
    public const int Success = 0;

    /// <summary>Exit code: the spec has errors, or the spec and the data disagree, or the data is invalid, or training failed.</summary>
    public const int SpecErrors = 1;

    /// <summary>Exit code: bad usage, or a file or folder that is missing, cannot be read or cannot be written.</summary>
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/> and runs the command; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("ModelDsl: check .mdsl model specs, print their summaries, train them and preview image augmentation.\n" + ExitCodes.Help)
        {
            SummaryCommand.Create(stdout, stderr),
            CheckCommand.Create(stdout, stderr),
            TrainCommand.Create(stdout, stderr),
            AugmentPreviewCommand.Create(stdout, stderr),
            StateDictCommand.Create(stdout, stderr),
            LspCommand.Create(stderr),
        };
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors) stderr.WriteLine("modeldsl: " + error.Message);
            return UsageError;
        }
        try
        {
            return result.Invoke(configuration);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The edge: whatever a command did not turn into a message of its own still ends as one line with
            // a documented exit code, never a stack trace.
            stderr.WriteLine("modeldsl: error: " + ErrorText.Of(e));
            return ExitCodes.For(e);
        }
    }
}
