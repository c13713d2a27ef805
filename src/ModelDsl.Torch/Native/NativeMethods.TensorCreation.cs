using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>Factory exports (tensor_creation.cpp).</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_zeros(long* shape, int ndim, int dtype);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_ones(long* shape, int ndim, int dtype);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_empty(long* shape, int ndim, int dtype);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_full(long* shape, int ndim, double value, int dtype);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_rand(long* shape, int ndim, int dtype);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_randn(long* shape, int ndim, int dtype);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_randint(long low, long high, long* shape, int ndim, int dtype);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_arange(double start, double end, double step, int dtype);
}
