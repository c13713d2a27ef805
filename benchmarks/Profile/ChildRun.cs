using System.Diagnostics;
using System.Globalization;
using TorchSharp;

namespace ModelDsl.Benchmarks.Profile;

/// <summary>
/// One configuration in its own process (so the allocator setting and the kernels switch are the ones that side
/// really runs with): warm-up, then profiled and whole steps alternately, printed as tab-separated samples for the
/// parent to pool.
/// </summary>
internal static class ChildRun
{
    public static int Run(string config, int steps, int warmUp, int threads, string dataDir)
    {
        torch.set_num_threads(threads);
        torch.manual_seed(1);
        using ProfiledSide side = config switch
        {
            Configurations.HandWritten => new HandWrittenSide(dataDir),
            Configurations.ModelDsl or Configurations.KernelsOff => new ModelDslSide(dataDir),
            Configurations.UnfusedInputBlock => new ModelDslSide(dataDir, fuseInputBlock: false),
            _ => throw new ArgumentException($"unknown configuration '{config}'"),
        };
        var clock = new StepClock();
        for (var i = 0; i < warmUp; i++)
        {
            side.ProfiledStep(clock, keep: false);
            side.WholeStep();
        }

        long faults = 0;
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen0Before = GC.CollectionCount(0);
        for (var i = 0; i < steps; i++)
        {
            // Alternating step by step, so a burst of load from other processes hits both kinds alike.
            side.ProfiledStep(clock, keep: true);
            var faultsBefore = MinorFaults();
            var start = Stopwatch.GetTimestamp();
            side.WholeStep();
            clock.Record(Configurations.WholeStepRow, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            faults += MinorFaults() - faultsBefore;
            clock.EndStep(keep: true);
        }

        var perStep = 1.0 / (2 * steps);
        foreach (var row in clock.Rows)
        {
            Console.WriteLine($"sample\t{row}\t{string.Join(' ', clock.Samples(row).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}");
        }
        Console.WriteLine(FormattableString.Invariant($"stat\t{Configurations.FaultsStat}\t{faults / (double)steps}"));
        Console.WriteLine(FormattableString.Invariant($"stat\t{Configurations.GcPauseStat}\t{(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds * perStep}"));
        Console.WriteLine(FormattableString.Invariant($"stat\t{Configurations.Gen0Stat}\t{(GC.CollectionCount(0) - gen0Before) * perStep * 1000}"));
        return 0;
    }

    // Minor page faults of this process so far (Linux /proc/self/stat field 10); 0 elsewhere.
    private static long MinorFaults()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
