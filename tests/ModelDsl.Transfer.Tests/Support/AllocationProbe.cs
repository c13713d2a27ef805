using System.Globalization;

namespace ModelDsl.Transfer.Tests.Support;

/// <summary>
/// Measures what a read allocates. The main figure is the managed bytes allocated by the calling thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>): it counts garbage too, and tests running in parallel on
/// other threads do not disturb it. The process's peak resident size (VmHWM) is reported beside it as a coarser,
/// process-wide check that nothing native of the declared size was created either.
/// </summary>
internal static class AllocationProbe
{
    /// <summary>Runs <paramref name="action"/> on this thread: what it threw (null if nothing) and the bytes it allocated.</summary>
    public static (Exception? Error, long AllocatedBytes) Run(Action action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        Exception? error = null;
        try
        {
            action();
        }
        catch (Exception e)
        {
            error = e;
        }
        return (error, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>The process's peak resident set size so far (Linux's VmHWM), or -1 where /proc is absent.</summary>
    public static long PeakResidentBytes() => StatusField("VmHWM:");

    private static long StatusField(string name)
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return -1;
        foreach (var line in File.ReadLines(status))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal)) continue;
            var kilobytes = line[name.Length..].Trim().Split(' ')[0];
            return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
        }
        return -1;
    }
}
