using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ModelDsl.Distributed.Tests;

/// <summary>A rank that throws, dies or disagrees must stop the job with a message naming it, never a hang.</summary>
[Collection(MpiCollection.Name)]
public sealed partial class FaultTests
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Bound from a rank's failure to the end of the whole job (measured: well under 1 s, see the README).</summary>
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(10);

    [Fact]
    public void ARankThatThrowsStopsTheOthersWithAMessageNamingIt()
    {
        Assert.True(MpiJob.Available, "mpiexec is not installed (scripts/setup.sh installs MPICH).");
        using var dir = new TempDir();
        using var job = MpiJob.Start(2, "throw", dir.Path);
        Assert.True(job.WaitForOutput("rank 1: error:", JobTimeout), job.Output);
        var failedAt = Stopwatch.StartNew();
        Assert.True(job.WaitForExit(StopBound), $"the job did not end within {StopBound.TotalSeconds} s of rank 1's failure:\n{job.Output}");
        Assert.NotEqual(0, job.ExitCode);
        Assert.Contains("rank 1: error: InvalidOperationException: injected failure in rank 1's callback", job.Output);
        Assert.Contains("rank 0: stopping: Rank 1 failed: InvalidOperationException: injected failure", job.Output);
        Assert.True(failedAt.Elapsed < StopBound);
    }

    [Fact]
    public void ARankKilledMidEpochEndsTheJobAndTheLauncherNamesItsProcess()
    {
        Assert.True(MpiJob.Available, "mpiexec is not installed (scripts/setup.sh installs MPICH).");
        using var dir = new TempDir();
        using var job = MpiJob.Start(2, "slow", dir.Path);
        Assert.True(job.WaitForOutput("rank 1 step 2", JobTimeout), job.Output);
        var announced = ProcessLine().Match(job.Output);
        Assert.True(announced.Success, "rank 0 did not announce the processes:\n" + job.Output);
        var pid = int.Parse(announced.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        using (var victim = Process.GetProcessById(pid)) victim.Kill();
        var killedAt = Stopwatch.StartNew();
        Assert.True(job.WaitForExit(StopBound), $"the job did not end within {StopBound.TotalSeconds} s of killing rank 1:\n{job.Output}");
        var stoppedAfter = killedAt.Elapsed;
        Assert.NotEqual(0, job.ExitCode);
        // The launcher reports the dead process by id; rank 0's start-up line maps that id to rank 1.
        Assert.Contains($"PID {pid} ", job.Output);
        Assert.True(stoppedAfter < StopBound, $"stopped after {stoppedAfter}");
    }

    [Fact]
    public void DifferentModelsAreNamedAtTheStart()
    {
        Assert.True(MpiJob.Available, "mpiexec is not installed (scripts/setup.sh installs MPICH).");
        using var dir = new TempDir();
        using var job = MpiJob.Run(2, "mismatch-model", dir.Path, JobTimeout);
        Assert.NotEqual(0, job.ExitCode);
        Assert.Contains("rank 1 has model layout fingerprint", job.Output);
        Assert.Contains("rank 1 has model state values 1,755 where rank 0 has 1,600", job.Output);
    }

    [Fact]
    public void DifferentDataIsNamedAtTheStart()
    {
        Assert.True(MpiJob.Available, "mpiexec is not installed (scripts/setup.sh installs MPICH).");
        using var dir = new TempDir();
        using var job = MpiJob.Run(2, "mismatch-data", dir.Path, JobTimeout);
        Assert.NotEqual(0, job.ExitCode);
        Assert.Contains("rank 1 has training examples 95 where rank 0 has 96", job.Output);
    }

    [GeneratedRegex(@"rank 1 = pid (\d+) on ")]
    private static partial Regex ProcessLine();
}
