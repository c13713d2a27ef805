using System.Diagnostics;
using System.Text;
using MPI;

namespace ModelDsl.Distributed;

/// <summary>
/// Failure notices between the processes, on a communicator of their own. Each process keeps a receive posted for a
/// notice from any peer; a failing process sends its message to every peer and waits (bounded) for their
/// acknowledgements, while the others find the notice when they next poll, which they do while waiting in any
/// collective call. So a process that throws is named by the others instead of leaving them waiting forever.
/// </summary>
internal sealed class FaultChannel : IDisposable
{
    private const int NoticeTag = 1;
    private const int AckTag = 2;
    private const int NoticeBytes = 2048;

    private readonly int comm;
    private readonly int rank;
    private readonly int size;
    private readonly byte[] notice = GC.AllocateArray<byte>(NoticeBytes, pinned: true);
    private readonly byte[] ack = GC.AllocateArray<byte>(4, pinned: true);
    private readonly List<byte[]> scratches = [];
    private int noticeRequest;
    private int ackRequest;
    private RankFailedException? received;

    public FaultChannel(int worldComm, int rank, int size)
    {
        this.rank = rank;
        this.size = size;
        Mpi.Check(Unsafe.MPI_Comm_dup(worldComm, out comm), "MPI_Comm_dup");
        PostNoticeReceive();
        PostAckReceive();
    }

    /// <summary>The failure notice received from a peer, if any.</summary>
    public RankFailedException? Received => received;

    /// <summary>Throws <see cref="RankFailedException"/> when a peer has announced a failure (acknowledging it first).</summary>
    public void Poll()
    {
        if (received is not null) throw received;
        if (TakeNotice() is { } failure) throw failure;
    }

    /// <summary>
    /// Sends <paramref name="message"/> to every peer and waits up to <paramref name="timeout"/> until each has
    /// acknowledged it (or announced a failure of its own); returns how many did.
    /// </summary>
    public unsafe int Announce(string message, TimeSpan timeout)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        var length = Math.Min(bytes.Length, NoticeBytes);
        var payload = GC.AllocateArray<byte>(Math.Max(length, 1), pinned: true);
        bytes.AsSpan(0, length).CopyTo(payload);
        var sends = new List<int>();
        fixed (byte* p = payload)
        {
            for (var peer = 0; peer < size; peer++)
            {
                if (peer == rank) continue;
                Mpi.Check(Unsafe.MPI_Isend((IntPtr)p, length, Unsafe.MPI_BYTE, peer, NoticeTag, comm, out var request), "MPI_Isend");
                sends.Add(request);
            }
        }
        var answered = new HashSet<int>();
        var clock = Stopwatch.StartNew();
        while (answered.Count < size - 1 && clock.Elapsed < timeout)
        {
            if (Mpi.Test(ref ackRequest, out var status))
            {
                answered.Add(status.MPI_SOURCE);
                PostAckReceive();
            }
            // A peer that failed at the same time will not acknowledge; its own notice counts as knowing.
            if (TakeNotice() is { } other) answered.Add(other.Rank);
            Thread.Yield();
        }
        // Sends to a dead peer never complete; the job is aborted after this, so they are left behind.
        GC.KeepAlive(payload);
        return answered.Count;
    }

    private RankFailedException? TakeNotice()
    {
        if (!Mpi.Test(ref noticeRequest, out var status)) return null;
        var count = 0;
        Unsafe.MPI_Get_count(ref status, Unsafe.MPI_BYTE, out count);
        var source = status.MPI_SOURCE;
        var text = Encoding.UTF8.GetString(notice, 0, Math.Clamp(count, 0, NoticeBytes));
        SendAck(source);
        PostNoticeReceive();
        received ??= new RankFailedException(source, $"Rank {source} failed: {text}");
        return received;
    }

    private unsafe void SendAck(int peer)
    {
        fixed (byte* p = ack)
        {
            Mpi.Check(Unsafe.MPI_Isend((IntPtr)p, 1, Unsafe.MPI_BYTE, peer, AckTag, comm, out var request), "MPI_Isend");
            Unsafe.MPI_Request_free(ref request);
        }
    }

    private unsafe void PostNoticeReceive()
    {
        fixed (byte* p = notice)
        {
            Mpi.Check(Unsafe.MPI_Irecv((IntPtr)p, NoticeBytes, Unsafe.MPI_BYTE, Unsafe.MPI_ANY_SOURCE, NoticeTag, comm, out noticeRequest), "MPI_Irecv");
        }
    }

    private unsafe void PostAckReceive()
    {
        // Acknowledgements carry no data worth keeping: one byte into a scratch buffer per peer.
        var scratch = GC.AllocateArray<byte>(4, pinned: true);
        fixed (byte* p = scratch)
        {
            Mpi.Check(Unsafe.MPI_Irecv((IntPtr)p, 4, Unsafe.MPI_BYTE, Unsafe.MPI_ANY_SOURCE, AckTag, comm, out ackRequest), "MPI_Irecv");
        }
        scratches.Add(scratch);
    }

    /// <summary>Withdraws the posted receives, so that MPI can finalize cleanly after a fit without failures.</summary>
    public void Dispose()
    {
        Cancel(ref noticeRequest);
        Cancel(ref ackRequest);
    }

    private static void Cancel(ref int request)
    {
        if (request == Unsafe.MPI_REQUEST_NULL) return;
        Unsafe.MPI_Cancel(ref request);
        Unsafe.MPI_Wait(ref request, out _);
    }
}
