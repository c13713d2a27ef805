using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>HDF5 reading exports for Keras .h5 weights (weights_h5.cpp); used by ModelDsl.Transfer.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr mdsl_h5_open(string path);

    [LibraryImport(Lib)]
    internal static partial void mdsl_h5_close(IntPtr file);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mdsl_h5_exists(IntPtr file, string path, string? attribute);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr mdsl_h5_string_attr(IntPtr file, string path, string name, out int count, out long size);

    // The buffer above is freed like serialize.cpp's; a pointer-free signature keeps callers out of unsafe code.
    [LibraryImport(Lib, EntryPoint = "mdsl_free_bytes")]
    internal static partial void mdsl_h5_free_strings(IntPtr bytes);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial IntPtr mdsl_h5_read_float(IntPtr file, string path);
}
