using ModelDsl.Transfer.Weights;
using Xunit.Abstractions;

namespace ModelDsl.Transfer.Tests.Support;

/// <summary>Runs a read of a hostile file and checks it fails as documented, within a memory bound.</summary>
internal static class BombAssert
{
    /// <summary>What the bomb tests allow a refused read to allocate: far below the gigabytes each file declares.</summary>
    public const long DefaultBound = 64L << 20;

    /// <summary>
    /// Asserts <paramref name="read"/> throws exactly <see cref="WeightsFormatException"/> naming <paramref name="source"/>,
    /// allocating under <paramref name="bound"/> managed bytes on this thread and growing the process's peak
    /// resident size by under 1 GB; writes the figures to the test output.
    /// </summary>
    public static WeightsFormatException Refused(ITestOutputHelper output, string source, Action read, long bound = DefaultBound)
    {
        var peakBefore = AllocationProbe.PeakResidentBytes();
        var (error, allocated) = AllocationProbe.Run(read);
        var peakAfter = AllocationProbe.PeakResidentBytes();

        var refusal = Assert.IsType<WeightsFormatException>(error);
        output.WriteLine($"{refusal.Message}");
        output.WriteLine($"allocated {allocated / 1024.0 / 1024.0:F1} MiB on the reading thread; peak RSS {peakBefore / 1048576} -> {peakAfter / 1048576} MiB");
        Assert.Equal(source, refusal.FilePath);
        Assert.StartsWith(source + ": ", refusal.Message);
        Assert.True(allocated < bound, $"the refused read allocated {allocated} bytes, more than {bound}");
        if (peakBefore > 0) Assert.True(peakAfter - peakBefore < 1L << 30, $"peak RSS grew by {peakAfter - peakBefore} bytes");
        return refusal;
    }
}
