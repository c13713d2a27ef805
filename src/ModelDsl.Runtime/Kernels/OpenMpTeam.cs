using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// Runs a kernel's work on libtorch's own OpenMP threads. Between two libtorch operators those threads spin, waiting
/// for the next parallel region; a kernel that starts threads of its own then fights them for the cores (on two cores
/// that made the kernels slower than on one thread). Handing the work to the same team (libgomp's
/// <c>GOMP_parallel</c>, called on the library libtorch itself loaded) uses the threads that are already awake.
/// </summary>
/// <remarks>
/// Found where libtorch links libgomp (its Linux builds); elsewhere (Windows' and macOS's libtorch use other OpenMP
/// runtimes) <see cref="Available"/> is false and <see cref="WorkSplitter"/> uses .NET's thread pool instead.
/// </remarks>
internal static unsafe class OpenMpTeam
{
    private static readonly delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<nint, void>, nint, uint, uint, void> Parallel;
    private static readonly delegate* unmanaged[Cdecl]<int> ThreadNumber;
    private static readonly delegate* unmanaged[Cdecl]<int> ThreadCount;

    static OpenMpTeam()
    {
        if (!OperatingSystem.IsLinux() || LibtorchOpenMp() is not { } path || !NativeLibrary.TryLoad(path, out var library))
        {
            return;
        }

        if (NativeLibrary.TryGetExport(library, "GOMP_parallel", out var parallel)
            && NativeLibrary.TryGetExport(library, "omp_get_thread_num", out var threadNumber)
            && NativeLibrary.TryGetExport(library, "omp_get_num_threads", out var threadCount))
        {
            Parallel = (delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<nint, void>, nint, uint, uint, void>)parallel;
            ThreadNumber = (delegate* unmanaged[Cdecl]<int>)threadNumber;
            ThreadCount = (delegate* unmanaged[Cdecl]<int>)threadCount;
            Available = true;
        }
    }

    /// <summary>Whether libtorch's OpenMP team can run kernels' work.</summary>
    public static bool Available { get; }

    /// <summary>
    /// Runs <paramref name="body"/>(start, end) over [0, <paramref name="units"/>) split into one contiguous range per
    /// thread of a team of <paramref name="threads"/>; returns when all are done and rethrows the first exception.
    /// </summary>
    public static void For(int threads, int units, Action<int, int> body)
    {
        var job = new Job(units, body);
        var handle = GCHandle.Alloc(job);
        try
        {
            Parallel(&Run, GCHandle.ToIntPtr(handle), (uint)threads, 0);
        }
        finally
        {
            handle.Free();
        }

        if (job.Failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Run(nint data)
    {
        var job = (Job)GCHandle.FromIntPtr(data).Target!;
        try
        {
            // The team may be smaller than asked for (nested regions, thread limits): split over the threads there are.
            long thread = ThreadNumber(), count = ThreadCount();
            job.Body((int)(job.Units * thread / count), (int)(job.Units * (thread + 1) / count));
        }
        catch (Exception e)
        {
            // An exception must not cross into native code; the caller rethrows it.
            Interlocked.CompareExchange(ref job.Failure, e, null);
        }
    }

    /// <summary>The path of the OpenMP runtime libtorch loaded: a mapped libgomp, preferably beside libtorch_cpu.</summary>
    private static string? LibtorchOpenMp()
    {
        try
        {
            var mapped = File.ReadLines("/proc/self/maps")
                .Select(line => line.IndexOf('/') is var at and >= 0 ? line[at..] : null)
                .OfType<string>()
                .Distinct()
                .ToList();
            var torch = mapped.FirstOrDefault(p => Path.GetFileName(p).StartsWith("libtorch_cpu", StringComparison.Ordinal));
            var gomps = mapped.Where(p => Path.GetFileName(p).StartsWith("libgomp", StringComparison.Ordinal)).ToList();
            return gomps.FirstOrDefault(p => torch is not null && Path.GetDirectoryName(p) == Path.GetDirectoryName(torch))
                ?? (gomps.Count == 1 ? gomps[0] : null);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed class Job(int units, Action<int, int> body)
    {
        public readonly int Units = units;
        public readonly Action<int, int> Body = body;
        public Exception? Failure;
    }
}
