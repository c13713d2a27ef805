using System.Diagnostics;

namespace ModelDsl.Transfer.Tests.Support;

/// <summary>Runs Debian's PyTorch (/usr/bin/python3, installed by scripts/setup.sh) as the reference oracle.</summary>
internal static class PyTorch
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Runs <paramref name="script"/> with <paramref name="args"/> as sys.argv[1:]; returns its stdout.</summary>
    public static string Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {Python}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill();
            throw new TimeoutException("The PyTorch script did not finish in 5 minutes.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The PyTorch script failed (exit {process.ExitCode}):{Environment.NewLine}{stderr.Result}");
        }
        return stdout;
    }
}
