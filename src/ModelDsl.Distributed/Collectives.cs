using System.Diagnostics;
using MPI;

namespace ModelDsl.Distributed;

/// <summary>
/// The collective calls of a fit, on a communicator of their own. Each is started non-blocking and then polled:
/// between polls the process checks for failure notices and for the deadline, so no wait is unbounded. Time spent
/// and bytes moved are counted for <see cref="CommunicationStats"/>.
/// </summary>
internal sealed class Collectives
{
    private readonly int comm;
    private readonly FaultChannel faults;
    private readonly TimeSpan timeout;
    private readonly CommunicationStats stats;

    public Collectives(int worldComm, FaultChannel faults, TimeSpan timeout, CommunicationStats stats)
    {
        Mpi.Check(Unsafe.MPI_Comm_dup(worldComm, out comm), "MPI_Comm_dup");
        this.faults = faults;
        this.timeout = timeout;
        this.stats = stats;
    }

    /// <summary>Sums <paramref name="count"/> values at <paramref name="buffer"/> over all processes, in place.</summary>
    public void Allreduce(IntPtr buffer, int count, int datatype, int elementBytes, string what)
    {
        var request = StartAllreduce(buffer, count, datatype, elementBytes, what);
        Wait(ref request, what);
    }

    /// <summary>Starts an in-place sum; finish it with <see cref="Wait"/>.</summary>
    public int StartAllreduce(IntPtr buffer, int count, int datatype, int elementBytes, string what)
    {
        faults.Poll();
        Mpi.Check(MpiNative.MPI_Iallreduce(MpiNative.InPlace, buffer, count, datatype, Unsafe.MPI_SUM, comm, out var request), "MPI_Iallreduce (" + what + ")");
        stats.BytesReduced += (long)count * elementBytes;
        return request;
    }

    /// <summary>Copies <paramref name="count"/> bytes at <paramref name="buffer"/> from rank 0 to every process.</summary>
    public void Broadcast(IntPtr buffer, int count, string what)
    {
        faults.Poll();
        Mpi.Check(MpiNative.MPI_Ibcast(buffer, count, Unsafe.MPI_BYTE, 0, comm, out var request), "MPI_Ibcast (" + what + ")");
        stats.BytesBroadcast += count;
        Wait(ref request, what);
    }

    /// <summary>Gathers <paramref name="mine"/> from every process into <paramref name="all"/> (rank-major).</summary>
    public unsafe void Allgather(long[] mine, long[] all, string what)
    {
        faults.Poll();
        fixed (long* send = mine)
        fixed (long* receive = all)
        {
            Mpi.Check(MpiNative.MPI_Iallgather((IntPtr)send, mine.Length, Unsafe.MPI_LONG_LONG, (IntPtr)receive, mine.Length, Unsafe.MPI_LONG_LONG, comm, out var request),
                "MPI_Iallgather (" + what + ")");
            Wait(ref request, what);
        }
    }

    /// <summary>
    /// Polls <paramref name="request"/> until it completes; meanwhile a peer's failure notice ends the wait with
    /// <see cref="RankFailedException"/>, and <see cref="MpiDataParallelOptions.CollectiveTimeout"/> with
    /// <see cref="CollectiveTimeoutException"/>.
    /// </summary>
    public void Wait(ref int request, string what)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var spins = 0;
            while (true)
            {
                Mpi.Check(Unsafe.MPI_Test(ref request, out var done, out _), "MPI_Test (" + what + ")");
                if (done != 0) return;
                faults.Poll();
                // Spin briefly (a peer a few microseconds behind), then yield the core: on a machine with as many
                // processes as cores a spinning waiter would slow the peer it waits for.
                if (++spins > 200) Thread.Yield();
                if ((spins & 1023) == 0 && Stopwatch.GetElapsedTime(started) > timeout)
                {
                    throw new CollectiveTimeoutException(
                        $"No progress in {what} for {timeout.TotalSeconds:0} s: another process is stuck (a dead process would have ended the MPI job). " +
                        "Raise MpiDataParallelOptions.CollectiveTimeout if a process is legitimately busy that long.");
                }
            }
        }
        finally
        {
            stats.CommunicationTime += Stopwatch.GetElapsedTime(started);
        }
    }
}
