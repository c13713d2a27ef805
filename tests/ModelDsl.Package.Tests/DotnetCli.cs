using System.Diagnostics;
using System.Text;

namespace ModelDsl.Package.Tests;

/// <summary>The output of one <c>dotnet</c> command: exit code and stdout + stderr interleaved.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>For assertion messages: the command, its exit code and its output.</summary>
    public override string ToString() => $"$ {CommandLine}\nexit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n{Output}";
}

/// <summary>Runs the <c>dotnet</c> CLI as a user's shell would, in a given directory, with a time limit.</summary>
internal static class DotnetCli
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static CommandResult Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetPath())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // A user's shell has no MSBuild state of the test host's own build; keep the child's builds independent.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var commandLine = "dotnet " + string.Join(' ', args);
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"'{commandLine}' in {workingDirectory} did not finish within {Limit}:\n{output}");
        }
        process.WaitForExit(); // drains the asynchronous readers
        return new CommandResult(commandLine, process.ExitCode, output.ToString(), clock.Elapsed);
    }

    /// <summary>The dotnet host that runs this test (the SDK sets DOTNET_HOST_PATH for its children), else PATH's.</summary>
    private static string DotnetPath() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
