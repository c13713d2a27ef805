using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

/// <summary>Process-wide libtorch settings: intra-op threads, the random seed and the default device.</summary>
public static class TorchRuntime
{
    private static int threadsConfigured;
    private static Device defaultDevice = Device.Cpu;

    /// <summary>The number of intra-op threads libtorch uses for one op.</summary>
    /// <remarks>
    /// Debian's libtorch starts with 1; ModelDsl sets it to <see cref="Environment.ProcessorCount"/> when the
    /// native library is first loaded, unless <see cref="SetThreads"/> was called.
    /// </remarks>
    public static int Threads => NativeError.Check(NativeMethods.mdsl_get_num_threads(), "get_num_threads");

    /// <summary>Sets the number of intra-op threads (at least 1).</summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Interlocked.Exchange(ref threadsConfigured, 1);
        NativeError.Check(NativeMethods.mdsl_set_num_threads(threads), "set_num_threads");
    }

    /// <summary>Seeds libtorch's default generators (CPU and CUDA), as <c>torch.manual_seed</c>: same seed, same draws as PyTorch.</summary>
    public static void ManualSeed(ulong seed) => NativeError.Check(NativeMethods.mdsl_manual_seed(seed), "manual_seed");

    /// <summary>
    /// Returns the CPU memory the runtime keeps for reuse to the system and gives the number of bytes freed.
    /// Freed tensor blocks of 64 KB and more are cached (up to 1 GB) so a training loop, which allocates the
    /// same sizes every step, does not page-fault its memory in again each step; call this after a large
    /// job (e.g. a VGG16 run) when the process goes on with something else. Set the environment variable
    /// <c>MDSL_CPU_ALLOCATOR=default</c> before start to use libtorch's uncached allocator instead.
    /// </summary>
    public static long ReleaseCachedMemory() => NativeError.Check(NativeMethods.mdsl_release_cached_memory(), "release_cached_memory");

    /// <summary>Whether libtorch was built with CUDA and a GPU is present.</summary>
    public static bool IsCudaAvailable => NativeError.Check(NativeMethods.mdsl_has_cuda(), "has_cuda") != 0;

    /// <summary>The device models and batches are placed on by the training runtime; CPU unless changed.</summary>
    /// <exception cref="NotSupportedException">Set to CUDA when CUDA is not available.</exception>
    public static Device DefaultDevice
    {
        get => defaultDevice;
        set
        {
            RequireAvailable(value);
            defaultDevice = value;
        }
    }

    internal static void RequireAvailable(Device device)
    {
        if (device.Type == DeviceType.Cuda && !IsCudaAvailable)
        {
            throw new NotSupportedException(
                $"Device {device} is not available: this libtorch has no CUDA support or no GPU is present. Use Device.Cpu.");
        }
    }

    /// <summary>Called once the shim is loaded: applies the thread default unless the user chose first.</summary>
    /// <remarks>Goes through the export's address, not a P/Invoke, because it runs inside the library resolver.</remarks>
    internal static unsafe void OnLibraryLoaded(IntPtr library)
    {
        if (Interlocked.Exchange(ref threadsConfigured, 1) != 0) return;
        var setThreads = (delegate* unmanaged<int, int>)System.Runtime.InteropServices.NativeLibrary.GetExport(library, "mdsl_set_num_threads");
        setThreads(Environment.ProcessorCount);
    }
}
