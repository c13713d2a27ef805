using TorchSharp;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// Splits a kernel's independent work units (planes, rows) into one contiguous range per thread. A fused kernel
/// runs right after a libtorch operator whose OpenMP workers keep spinning for a while once it returns. Where
/// libtorch's OpenMP team can take the work (<see cref="OpenMpTeam"/>), kernels run on it with as many threads as
/// libtorch uses (<c>torch.set_num_threads</c>). Elsewhere threads of .NET's pool would fight those spinning workers
/// (on the 2-core machine this was measured on, a second thread made the kernels 10-20% slower), so kernels use at
/// most half the cores there (none extra on 2 cores). Small tensors stay on the calling thread.
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

        if (OpenMpTeam.Available)
        {
            OpenMpTeam.For(workers, units, body);
            return;
        }

        Parallel.For(0, workers, worker => body(
            (int)((long)units * worker / workers),
            (int)((long)units * (worker + 1) / workers)));
    }

    private static int DefaultWorkers() => OpenMpTeam.Available
        ? Math.Max(1, torch.get_num_threads())
        : Math.Max(1, Math.Min(Environment.ProcessorCount / 2, torch.get_num_threads()));
}
