using System.Reflection;
using System.Runtime.InteropServices;

namespace ModelDsl.Distributed;

/// <summary>
/// Finds the native MPI library. MPI.NET (and our own imports) name MS-MPI's <c>msmpi.dll</c>; MPICH (Debian's
/// <c>mpich</c> package) and the MPICH-ABI family (Intel MPI, Cray MPICH) share MS-MPI's ABI on Linux, so the import
/// is resolved to the first of their libraries that loads. Open MPI has another ABI and is not supported.
/// </summary>
internal static class MpiLibrary
{
    private static readonly string[] LinuxNames = ["libmpich.so.12", "libmpi.so.12"];
    private static readonly string[] MacNames = ["libmpich.12.dylib", "libmpi.12.dylib"];
    private static readonly object Gate = new();
    private static bool registered;
    private static IntPtr handle;

    /// <summary>Registers the resolver for MPI.NET's assembly and ours (once per process).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (registered) return;
            NativeLibrary.SetDllImportResolver(typeof(MPI.Unsafe).Assembly, Resolve);
            NativeLibrary.SetDllImportResolver(typeof(MpiLibrary).Assembly, Resolve);
            registered = true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!name.StartsWith("msmpi", StringComparison.OrdinalIgnoreCase) || OperatingSystem.IsWindows()) return IntPtr.Zero;
        if (handle != IntPtr.Zero) return handle;
        var names = OperatingSystem.IsMacOS() ? MacNames : LinuxNames;
        foreach (var candidate in names)
        {
            if (NativeLibrary.TryLoad(candidate, out handle)) return handle;
        }
        throw new DllNotFoundException(
            $"No MPICH-compatible MPI library was found (tried {string.Join(", ", names)}). Install MPICH " +
            "(Debian/Ubuntu: apt-get install mpich) and start the program with mpiexec.");
    }
}
