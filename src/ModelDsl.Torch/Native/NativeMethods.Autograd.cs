using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>Autograd exports (autograd.cpp).</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib), SuppressGCTransition]
    internal static partial int mdsl_tensor_requires_grad(IntPtr tensor);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_set_requires_grad(IntPtr tensor, int value);

    [LibraryImport(Lib), SuppressGCTransition]
    internal static partial int mdsl_tensor_is_leaf(IntPtr tensor);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_grad(IntPtr tensor, IntPtr* grad);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_set_grad(IntPtr tensor, IntPtr grad);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_retain_grad(IntPtr tensor);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_backward(IntPtr tensor, IntPtr gradient, int retainGraph, int createGraph);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_detach(IntPtr tensor);

    [LibraryImport(Lib), SuppressGCTransition]
    internal static partial int mdsl_grad_enabled();

    [LibraryImport(Lib), SuppressGCTransition]
    internal static partial void mdsl_set_grad_enabled(int enabled);
}
