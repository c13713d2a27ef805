using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using ModelDsl.Training;
using ModelDsl.Training.Parallel;
using MPI;
using static TorchSharp.torch;
using Optimizer = TorchSharp.torch.optim.Optimizer;

namespace ModelDsl.Distributed;

/// <summary>
/// Data-parallel training over MPI for <see cref="Trainer"/> (set <see cref="Trainer.DataParallel"/>): one process per
/// rank started by <c>mpiexec</c>, on one machine or many. See the library's README for launch lines.
/// </summary>
/// <remarks>
/// <para>Faults: a process that throws inside a fit (or whose program ends with an error under <see cref="Run"/>) tells
/// the others, which stop with <see cref="RankFailedException"/> naming it; the job is then aborted. A process that
/// dies (killed, out of memory) is detected by <c>mpiexec</c> itself, which ends every other process of the job at
/// once; rank 0 announces which process id each rank has at start, so the launcher's report of the dead process
/// id names the rank. A process that hangs ends the others' waits after
/// <see cref="MpiDataParallelOptions.CollectiveTimeout"/>.</para>
/// <para>After a failure MPI cannot be finalised cleanly (a collective call is left half done), so
/// <see cref="Dispose"/> then aborts the job (<c>MPI_Abort</c>) instead of returning.</para>
/// </remarks>
public sealed class MpiDataParallel : IDataParallel, IDisposable
{
    private readonly MPI.Environment environment;
    private readonly FaultChannel faults;
    private readonly Collectives collectives;
    private readonly TextWriter log;
    private GradientBuckets? buckets;
    private nn.Module<Tensor, Tensor>? bucketsModel;
    private int exitCode = 1;
    private bool disposed;

    private MpiDataParallel(MpiDataParallelOptions options)
    {
        Options = options;
        log = options.Log ?? Console.Error;
        MpiLibrary.Register();
        var args = Array.Empty<string>();
        environment = new MPI.Environment(ref args, Threading.Serialized);
        Mpi.Check(Unsafe.MPI_Comm_rank(Unsafe.MPI_COMM_WORLD, out var rank), "MPI_Comm_rank");
        Mpi.Check(Unsafe.MPI_Comm_size(Unsafe.MPI_COMM_WORLD, out var size), "MPI_Comm_size");
        Rank = rank;
        WorldSize = size;
        faults = new FaultChannel(Unsafe.MPI_COMM_WORLD, rank, size);
        collectives = new Collectives(Unsafe.MPI_COMM_WORLD, faults, options.CollectiveTimeout, Stats);
        Processes = GatherProcesses();
    }

    /// <summary>
    /// Whether this process was started by an MPI launcher with more than one process (MPICH's and MS-MPI's
    /// <c>PMI_SIZE</c>, or <c>MPI_LOCALNRANKS</c>); programs use it to choose between a data-parallel and a local fit.
    /// </summary>
    public static bool IsLaunchedByMpiexec =>
        int.TryParse(System.Environment.GetEnvironmentVariable("PMI_SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 1;

    /// <summary>Initialises MPI in this process (once per process) and joins the job.</summary>
    /// <exception cref="DllNotFoundException">No MPICH-compatible library is installed.</exception>
    public static MpiDataParallel Start(MpiDataParallelOptions? options = null) => new(options ?? new MpiDataParallelOptions());

    /// <summary>
    /// Runs <paramref name="main"/> as one process of the job and returns its exit code. Should it throw, or return
    /// non-zero, on any process, the others are told (and stop naming that rank) and the job is aborted; when every
    /// process returns 0, MPI is finalised normally.
    /// </summary>
    /// <param name="main">The program body; receives the started instance.</param>
    /// <param name="options">Settings.</param>
    public static int Run(Func<MpiDataParallel, int> main, MpiDataParallelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        using var mpi = Start(options);
        try
        {
            var code = main(mpi);
            if (code != 0) mpi.Fail(new DataParallelException(mpi.Rank, $"the program ended with exit code {code}"), code);
            return code;
        }
        catch (Exception e)
        {
            mpi.Fail(e);
            throw;
        }
    }

    /// <inheritdoc />
    public int Rank { get; }

    /// <inheritdoc />
    public int WorldSize { get; }

    /// <summary>The settings.</summary>
    public MpiDataParallelOptions Options { get; }

    /// <summary>Time and bytes of this process's communication.</summary>
    public CommunicationStats Stats { get; } = new();

    /// <summary>Each rank's process id and host, gathered at start (index = rank).</summary>
    public IReadOnlyList<(int ProcessId, string Host)> Processes { get; }

    /// <summary>Whether this process has failed or been told of a failure (then <see cref="Dispose"/> aborts the job).</summary>
    public bool Faulted { get; private set; }

    /// <summary>Bytes of gradients (and averaged buffers) each process sends into Allreduce per step, and in how many buckets.</summary>
    public (long Bytes, int Buckets) GradientTraffic => buckets is null ? (0, 0) : (buckets.BucketSizes.Sum(n => (long)n) * sizeof(float), buckets.BucketSizes.Count);

    /// <inheritdoc />
    public void BeginFit(nn.Module<Tensor, Tensor> model, Optimizer optimizer, FitPlan plan)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(plan);
        var mine = FitAgreement.Facts(model, optimizer, plan);
        var all = new long[mine.Length * WorldSize];
        collectives.Allgather(mine, all, "the start-of-fit check");
        FitAgreement.Check(all, WorldSize);
        StateBroadcast.Model(model, collectives);
        StateBroadcast.Optimizer(optimizer, Rank, collectives);
        if (!ReferenceEquals(bucketsModel, model))
        {
            buckets = new GradientBuckets(model, WorldSize, Options, collectives, Stats);
            bucketsModel = model;
        }
    }

    /// <inheritdoc />
    public void SynchronizeGradients(nn.Module<Tensor, Tensor> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (buckets is null || !ReferenceEquals(bucketsModel, model)) throw new InvalidOperationException("SynchronizeGradients was called outside a fit begun with BeginFit.");
        buckets.Average(model);
    }

    /// <inheritdoc />
    public unsafe void Sum(Span<double> values)
    {
        if (values.IsEmpty) return;
        fixed (double* p = values)
        {
            collectives.Allreduce((IntPtr)p, values.Length, Unsafe.MPI_DOUBLE, sizeof(double), "the sum of logged values");
        }
    }

    /// <inheritdoc />
    public void Fail(Exception error) => Fail(error, 1);

    private void Fail(Exception error, int code)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Faulted) return;
        Faulted = true;
        exitCode = code;
        if (error is RankFailedException or CollectiveTimeoutException && faults.Received is not null)
        {
            // Told by a peer: it is already named, and it waits for no one.
            log.WriteLine($"rank {Rank}: stopping: {error.Message}");
            log.Flush();
            return;
        }
        if (error is RankMismatchException)
        {
            // Every process found the same mismatch at the same point: each reports it, none needs telling.
            if (Rank == 0) log.WriteLine($"rank {Rank}: error: {error.Message}");
            log.Flush();
            return;
        }
        var text = $"{error.GetType().Name}: {error.Message}";
        log.WriteLine($"rank {Rank}: error: {text}");
        log.Flush();
        faults.Announce(text, Options.FailureNoticeTimeout);
    }

    private (int, string)[] GatherProcesses()
    {
        const int HostBytes = 56;
        var mine = new long[1 + HostBytes / sizeof(long)];
        mine[0] = System.Environment.ProcessId;
        var host = Encoding.UTF8.GetBytes(System.Environment.MachineName);
        MemoryMarshal.AsBytes(mine.AsSpan(1)).Clear();
        host.AsSpan(0, Math.Min(host.Length, HostBytes)).CopyTo(MemoryMarshal.AsBytes(mine.AsSpan(1)));
        var all = new long[mine.Length * WorldSize];
        collectives.Allgather(mine, all, "the process list");
        var result = new (int, string)[WorldSize];
        for (var r = 0; r < WorldSize; r++)
        {
            var row = all.AsSpan(r * mine.Length, mine.Length);
            result[r] = ((int)row[0], Encoding.UTF8.GetString(MemoryMarshal.AsBytes(row[1..])).TrimEnd('\0'));
        }
        if (Rank == 0)
        {
            log.WriteLine($"data-parallel job of {WorldSize} processes: " + string.Join(", ", result.Select((p, r) => $"rank {r} = pid {p.Item1} on {p.Item2}")));
            log.Flush();
        }
        return result;
    }

    /// <summary>Finalises MPI after a clean run; after a failure, aborts the whole job (see the remarks).</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (Faulted)
        {
            log.Flush();
            Unsafe.MPI_Abort(Unsafe.MPI_COMM_WORLD, exitCode == 0 ? 1 : exitCode);
        }
        faults.Dispose();
        environment.Dispose();
    }
}
