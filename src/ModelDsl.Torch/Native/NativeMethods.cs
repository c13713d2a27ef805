using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>P/Invoke declarations of the shim's core exports (error channel, tensor lifetime).</summary>
/// <remarks>
/// Op exports live in other partial files, one per area, beside the matching .cpp in ModelDsl.Native.
/// Conventions (see include/mdsl.h): a handle return of zero or an int return of -1 means failure,
/// and <see cref="mdsl_last_error"/> holds the message for this thread.
/// </remarks>
internal static partial class NativeMethods
{
    internal const string Lib = "modeldsl_native";

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_last_error();

    [LibraryImport(Lib)]
    internal static partial void mdsl_tensor_free(IntPtr tensor);

    [LibraryImport(Lib)]
    internal static partial int mdsl_tensor_ndim(IntPtr tensor);

    [LibraryImport(Lib)]
    internal static unsafe partial int mdsl_tensor_shape(IntPtr tensor, long* shape, int capacity);

    [LibraryImport(Lib)]
    internal static unsafe partial IntPtr mdsl_tensor_from_blob(void* data, long* shape, int ndim, int dtype);
}
