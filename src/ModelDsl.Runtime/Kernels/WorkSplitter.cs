using TorchSharp;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// Splits a kernel's independent work units (planes, rows) into one contiguous range per thread. A fused kernel
/// runs right after a libtorch operator whose OpenMP workers keep spinning for a while once it returns; on the
/// 2-core machine this was measured on, a second thread of ours then made the kernels 10-20% slower, and was no
/// faster on its own. So kernels use at most half the cores (none extra on 2 cores), never more threads than libtorch
/// itself (<c>torch.set_num_threads</c>), and small tensors stay on the calling thread.
/// </summary>
internal static class WorkSplitter
{
    /// <summary>Below this many elements touched, a kernel runs on the calling thread.</summary>
    private const long MinimumParallelElements = 1 << 18;

    /// <summary>At most this many threads when set (measurements compare serial and parallel kernels).</summary>
    internal static int? WorkerLimit { get; set; }

    /// <summary>Runs <paramref name="body"/>(start, end) over [0, <paramref name="units"/>) in parallel ranges.</summary>
    /// <param name="units">The number of independent work units.</param>
    /// <param name="elementsPerUnit">Roughly how many elements one unit reads and writes.</param>
    /// <param name="body">Processes the units in [start, end); called concurrently for disjoint ranges.</param>
    public static void For(int units, long elementsPerUnit, Action<int, int> body)
    {
        var workers = Math.Min(WorkerLimit ?? DefaultWorkers(), units);
        if (workers <= 1 || units * elementsPerUnit < MinimumParallelElements)
        {
            body(0, units);
            return;
        }

        Parallel.For(0, workers, worker => body(
            (int)((long)units * worker / workers),
            (int)((long)units * (worker + 1) / workers)));
    }

    private static int DefaultWorkers() =>
        Math.Max(1, Math.Min(Environment.ProcessorCount / 2, torch.get_num_threads()));
}
