using System.Runtime.InteropServices;

namespace ModelDsl.Distributed;

/// <summary>
/// The MPI-3 non-blocking collectives MPI.NET 1.4 (an MPI-2 binding) lacks, declared against the same library
/// (resolved by <see cref="MpiLibrary"/>). Handles are MS-MPI's/MPICH's 32-bit integers; constants come from
/// <c>MPI.Unsafe</c>, whose values both share.
/// </summary>
internal static partial class MpiNative
{
    private const string Library = "msmpi";

    /// <summary>MPICH's and MS-MPI's <c>MPI_IN_PLACE</c>.</summary>
    public static readonly IntPtr InPlace = new(-1);

    [LibraryImport(Library)]
    public static partial int MPI_Iallreduce(IntPtr sendBuffer, IntPtr receiveBuffer, int count, int datatype, int op, int comm, out int request);

    [LibraryImport(Library)]
    public static partial int MPI_Ibcast(IntPtr buffer, int count, int datatype, int root, int comm, out int request);

    [LibraryImport(Library)]
    public static partial int MPI_Iallgather(IntPtr sendBuffer, int sendCount, int sendType, IntPtr receiveBuffer, int receiveCount, int receiveType, int comm, out int request);
}
