using System.Diagnostics;
using System.Text;

namespace ModelDsl.Distributed.Tests;

/// <summary>
/// Starts <c>mpiexec -n N</c> on loopback with this test assembly as every rank's program (see <see cref="Program"/>),
/// and collects its output. MPICH's launcher (hydra) runs as root without extra flags.
/// </summary>
internal sealed class MpiJob : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();

    private MpiJob(int ranks, string scenario, string dir, string[] extra)
    {
        var info = new ProcessStartInfo("mpiexec") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-n", ranks.ToString(System.Globalization.CultureInfo.InvariantCulture), Environment.ProcessPath!, "exec", typeof(Program).Assembly.Location, "--rank", scenario, dir })
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var arg in extra) info.ArgumentList.Add(arg);
        // One libtorch thread per rank: the ranks share the machine's cores.
        info.Environment["OMP_NUM_THREADS"] = "1";
        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static bool Available { get; } = File.Exists("/usr/bin/mpiexec") || File.Exists("/usr/local/bin/mpiexec");

    public static MpiJob Start(int ranks, string scenario, string dir, params string[] extra) => new(ranks, scenario, dir, extra);

    /// <summary>Output so far (standard output and error interleaved).</summary>
    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    public int ExitCode => process.ExitCode;

    /// <summary>Time since the job started.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Waits for the job to end; false when it is still running after <paramref name="timeout"/> (it is then killed).</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (process.WaitForExit(timeout))
        {
            process.WaitForExit(); // drains the output readers
            return true;
        }
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return false;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; false after <paramref name="timeout"/>.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal)) return true;
            if (process.HasExited) return Output.Contains(text, StringComparison.Ordinal);
            Thread.Sleep(20);
        }
        return false;
    }

    /// <summary>Runs a job to its end and fails the test when it does not end within <paramref name="timeout"/>.</summary>
    public static MpiJob Run(int ranks, string scenario, string dir, TimeSpan timeout, params string[] extra)
    {
        var job = Start(ranks, scenario, dir, extra);
        Assert.True(job.WaitForExit(timeout), $"mpiexec -n {ranks} ({scenario}) did not end within {timeout.TotalSeconds} s:\n{job.Output}");
        return job;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
