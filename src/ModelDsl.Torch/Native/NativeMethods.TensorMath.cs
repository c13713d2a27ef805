using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>Elementwise, comparison and matrix-product exports (tensor_math.cpp) and reductions (tensor_reduce.cpp).</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_unary(IntPtr tensor, UnaryOp op);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_binary(IntPtr a, IntPtr b, BinaryOp op);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_binary_double(IntPtr a, double b, BinaryOp op);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_binary_long(IntPtr a, long b, BinaryOp op);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_clamp(IntPtr tensor, double min, double max);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_where(IntPtr condition, IntPtr a, IntPtr b);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_matmul(IntPtr a, IntPtr b);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_mm(IntPtr a, IntPtr b);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_bmm(IntPtr a, IntPtr b);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_allclose(IntPtr a, IntPtr b, double rtol, double atol, int equalNan);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_equal(IntPtr a, IntPtr b);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_reduce(IntPtr tensor, ReduceOp op, long* dims, int ndims, int keepdim, int unbiased);
}
