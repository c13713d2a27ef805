using ModelDsl.Vision;

namespace ModelDsl.Cli;

/// <summary>The documented exit code of a failure, so every command and the CLI's edge agree.</summary>
internal static class ExitCodes
{
    /// <summary>The line <c>modeldsl --help</c> prints about exit codes.</summary>
    public const string Help =
        "Exit codes: 0 success; 1 the spec has errors, the spec and the data disagree, the data is invalid or training failed; " +
        "2 bad usage, or a file or folder that is missing, cannot be read or cannot be written.";

    /// <summary><see cref="CliApp.UsageError"/> for a file-system failure (missing, unreadable, unwritable), else <see cref="CliApp.SpecErrors"/>.</summary>
    public static int For(Exception e) => e switch
    {
        IOException or UnauthorizedAccessException or ImageFolderException => CliApp.UsageError,
        ImageDecodeException { InnerException: IOException or UnauthorizedAccessException } => CliApp.UsageError,
        _ => CliApp.SpecErrors,
    };
}
