using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>Runtime-setting exports (runtime.cpp).</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static partial int mdsl_set_num_threads(int threads);

    [LibraryImport(Lib)]
    internal static partial int mdsl_get_num_threads();

    [LibraryImport(Lib)]
    internal static partial int mdsl_manual_seed(ulong seed);

    [LibraryImport(Lib)]
    internal static partial int mdsl_has_cuda();

    [LibraryImport(Lib)]
    internal static partial long mdsl_release_cached_memory();

    [LibraryImport(Lib), SuppressGCTransition]
    internal static partial int mdsl_tensor_device(IntPtr tensor, int* deviceType, int* deviceIndex);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_to_device(IntPtr tensor, int deviceType, int deviceIndex);
}
