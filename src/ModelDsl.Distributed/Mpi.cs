using System.Text;
using MPI;

namespace ModelDsl.Distributed;

/// <summary>Small helpers over MPI.NET's raw bindings: error codes as exceptions, request tests.</summary>
internal static class Mpi
{
    /// <summary>Throws when an MPI call returned an error code, naming the call and MPI's own text for the code.</summary>
    public static void Check(int code, string call)
    {
        if (code == Unsafe.MPI_SUCCESS) return;
        var text = new byte[Unsafe.MPI_MAX_ERROR_STRING];
        var length = 0;
        Unsafe.MPI_Error_string(code, text, ref length);
        throw new DataParallelException(-1, $"{call} failed with MPI error {code}: {Encoding.ASCII.GetString(text, 0, Math.Max(length, 0)).TrimEnd('\0')}");
    }

    /// <summary>Whether <paramref name="request"/> has completed (it becomes <c>MPI_REQUEST_NULL</c> then).</summary>
    public static bool Test(ref int request, out Unsafe.MPI_Status status)
    {
        status = default;
        if (request == Unsafe.MPI_REQUEST_NULL) return false;
        Check(Unsafe.MPI_Test(ref request, out var flag, out status), "MPI_Test");
        return flag != 0;
    }
}
