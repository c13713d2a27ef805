using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>In-place exports (tensor_inplace.cpp); each returns 0 or -1.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_copy_(IntPtr dst, IntPtr src);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_zero_(IntPtr tensor);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_fill_(IntPtr tensor, double value);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_mul_scalar_(IntPtr tensor, double value);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_add_scalar_(IntPtr tensor, double value);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_add_(IntPtr tensor, IntPtr other, double alpha);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_mul_(IntPtr tensor, IntPtr other);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_div_(IntPtr tensor, IntPtr other);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_addcmul_(IntPtr tensor, IntPtr a, IntPtr b, double value);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_addcdiv_(IntPtr tensor, IntPtr a, IntPtr b, double value);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_sqrt_(IntPtr tensor);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_clamp_(IntPtr tensor, double min, double max);
}
