using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>P/Invoke declarations of the shim's core exports (error channel, tensor lifetime and metadata).</summary>
/// <remarks>
/// Op exports live in other partial files, one per area, beside the matching .cpp in ModelDsl.Native.
/// Conventions (see include/mdsl.h): a handle return of zero or an int return of -1 means failure,
/// and <see cref="mdsl_last_error"/> holds the message for this thread. Signatures are blittable so
/// the generated stubs do no marshalling work; trivial getters skip the GC transition.
/// </remarks>
internal static partial class NativeMethods
{
    internal const string Lib = "modeldsl_native";

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_last_error();

    [LibraryImport(Lib)]
    internal static partial void mdsl_tensor_free(IntPtr tensor);

    [LibraryImport(Lib), SuppressGCTransition]
    internal static partial int mdsl_tensor_ndim(IntPtr tensor);

    [LibraryImport(Lib), SuppressGCTransition]
    internal static unsafe partial int mdsl_tensor_shape(IntPtr tensor, long* shape, int capacity);

    [LibraryImport(Lib), SuppressGCTransition]
    internal static partial int mdsl_tensor_dtype(IntPtr tensor);

    [LibraryImport(Lib), SuppressGCTransition]
    internal static partial long mdsl_tensor_numel(IntPtr tensor);

    [LibraryImport(Lib), SuppressGCTransition]
    internal static partial int mdsl_tensor_is_contiguous(IntPtr tensor);

    [LibraryImport(Lib)]
    internal static unsafe partial IntPtr mdsl_tensor_from_blob(void* data, long* shape, int ndim, int dtype);

    [LibraryImport(Lib)]
    internal static unsafe partial int mdsl_tensor_copy_to(IntPtr tensor, void* data, long nbytes);

    [LibraryImport(Lib)]
    internal static unsafe partial int mdsl_tensor_item_double(IntPtr tensor, double* value);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_clone(IntPtr tensor);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_to_dtype(IntPtr tensor, int dtype);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_contiguous(IntPtr tensor);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_contiguous_format(IntPtr tensor, int format);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_is_contiguous_format(IntPtr tensor, int format);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_tensor_alias(IntPtr tensor);
}
