using Xunit.Abstractions;

namespace ModelDsl.Package.Tests;

/// <summary>Runs dotnet commands for a test and writes each one's duration to the test output (CI timing).</summary>
internal sealed class CommandLog(ITestOutputHelper output)
{
    public CommandResult Run(string workingDirectory, params string[] args)
    {
        var result = DotnetCli.Run(workingDirectory, args);
        output.WriteLine($"{result.Elapsed.TotalSeconds,6:F1} s  exit {result.ExitCode}  {result.CommandLine}");
        return result;
    }

    /// <summary>Runs the command and fails the test, with its output, unless it exits with 0.</summary>
    public CommandResult Succeeds(string workingDirectory, params string[] args)
    {
        var result = Run(workingDirectory, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    /// <summary>Notes the shared pack (run once before the first test of the collection).</summary>
    public void Pack(PackageFeed feed) =>
        output.WriteLine($"{feed.PackResult.Elapsed.TotalSeconds,6:F1} s  (shared) {feed.PackResult.CommandLine}");
}
