using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>Shape and indexing exports (tensor_shape.cpp).</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_reshape(IntPtr tensor, long* shape, int ndim);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_view(IntPtr tensor, long* shape, int ndim);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_permute(IntPtr tensor, long* order, int ndim);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_expand(IntPtr tensor, long* shape, int ndim);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_transpose(IntPtr tensor, long dim0, long dim1);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_squeeze(IntPtr tensor);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_squeeze_dim(IntPtr tensor, long dim);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_unsqueeze(IntPtr tensor, long dim);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_flatten(IntPtr tensor, long startDim, long endDim);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_slice(IntPtr tensor, long dim, long start, long end, long step);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_select(IntPtr tensor, long dim, long index);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_narrow(IntPtr tensor, long dim, long start, long length);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_index_select(IntPtr tensor, long dim, IntPtr index);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_cat(IntPtr* tensors, int count, long dim);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_stack(IntPtr* tensors, int count, long dim);
}
