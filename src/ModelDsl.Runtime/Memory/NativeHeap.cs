using System.Runtime.InteropServices;

namespace ModelDsl.Runtime.Memory;

/// <summary>
/// Keeps freed native memory in the process instead of returning it to the OS after every step. libtorch
/// allocates CPU tensors with malloc; glibc serves large blocks (&gt;= 128 KB by default) with mmap and unmaps
/// them on free, so a training step that frees and re-allocates ~20 MB of activations page-faults thousands of
/// times per step (measured here: ~3,000 minor faults per seed-convnet step, a third of its CPU time). Raising
/// glibc's mmap and trim thresholds makes freed blocks reusable. Linux/glibc only; a no-op elsewhere.
/// Opt out with the environment variable <c>MDSL_KEEP_FREED_MEMORY=0</c>.
/// </summary>
public static partial class NativeHeap
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    // glibc caps the dynamic mmap threshold at 32 MB on 64-bit (DEFAULT_MMAP_THRESHOLD_MAX); a fixed value
    // turns the dynamic adjustment off, which is what makes the behaviour predictable.
    private const int MmapThresholdBytes = 32 * 1024 * 1024;
    private const int TrimThresholdBytes = 512 * 1024 * 1024;

    private static int applied;

    /// <summary>Whether this process keeps freed native blocks (after <see cref="KeepFreedMemory"/> succeeded).</summary>
    public static bool IsKeepingFreedMemory => Volatile.Read(ref applied) == 1;

    /// <summary>
    /// Sets glibc's mmap threshold to 32 MB and its trim threshold to 512 MB, once per process. Returns whether
    /// the setting is in force: false on other platforms or C libraries, or when opted out.
    /// </summary>
    public static bool KeepFreedMemory()
    {
        if (Volatile.Read(ref applied) == 1) return true;
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MDSL_KEEP_FREED_MEMORY") == "0") return false;
        try
        {
            if (mallopt(MMmapThreshold, MmapThresholdBytes) == 0) return false;
            if (mallopt(MTrimThreshold, TrimThresholdBytes) == 0) return false;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // musl and other C libraries have no mallopt
        }
        Volatile.Write(ref applied, 1);
        return true;
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);
}
