using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests.Support;

/// <summary>
/// Runs fuzz cases: each on a worker thread with a timeout (a hang fails the test instead of stalling it) and a
/// bound on the bytes that thread allocates; the only exception a case may end in is
/// <see cref="WeightsFormatException"/>, naming the source. Failures carry the seed and case index that reproduce them.
/// </summary>
internal sealed class FuzzRunner(int seed, TimeSpan timeout, long allocationBound)
{
    private readonly List<string> _failures = [];

    public int Cases { get; private set; }

    public int Refused { get; private set; }

    public int Read { get; private set; }

    public long MaxAllocated { get; private set; }

    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Whether a case hung: the worker is still running, so no further case is started.</summary>
    public bool Hung { get; private set; }

    /// <summary>Runs case <paramref name="index"/>; <paramref name="what"/> says how the source was damaged.</summary>
    public void Run(int index, string kind, string what, string source, Action read)
    {
        if (Hung) return;
        Cases++;
        var work = Task.Run(() => AllocationProbe.Run(read));
        if (!work.Wait(timeout))
        {
            Hung = true;
            _failures.Add($"seed {seed} case {index} ({kind}: {what}): no result after {timeout.TotalSeconds} s (hang)");
            return;
        }
        var (error, allocated) = work.Result;
        MaxAllocated = Math.Max(MaxAllocated, allocated);
        if (allocated > allocationBound)
        {
            _failures.Add($"seed {seed} case {index} ({kind}: {what}): allocated {allocated} bytes, above the bound of {allocationBound}");
        }
        switch (error)
        {
            case null:
                Read++;
                break;
            case WeightsFormatException e when e.FilePath == source && e.Message.StartsWith(source + ": ", StringComparison.Ordinal):
                Refused++;
                break;
            default:
                _failures.Add($"seed {seed} case {index} ({kind}: {what}): {error.GetType().FullName}: {error.Message}{Environment.NewLine}{error.StackTrace}");
                break;
        }
    }

    /// <summary>A summary line for the test output.</summary>
    public override string ToString() =>
        $"seed {seed}: {Cases} cases, {Refused} refused with WeightsFormatException, {Read} read, {_failures.Count} failures; "
        + $"largest allocation of a case {MaxAllocated / 1024.0:F0} KiB";
}
