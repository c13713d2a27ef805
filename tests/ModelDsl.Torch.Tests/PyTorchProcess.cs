using System.Diagnostics;

namespace ModelDsl.Torch.Tests;

/// <summary>Runs a Python snippet under Debian's PyTorch (/usr/bin/python3, installed by scripts/setup.sh).</summary>
internal static class PyTorchProcess
{
    public static string Run(string script, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000)) throw new TimeoutException("python did not finish in 2 minutes");
        if (process.ExitCode != 0) throw new InvalidOperationException($"python failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
