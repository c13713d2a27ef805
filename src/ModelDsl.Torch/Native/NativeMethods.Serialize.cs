using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>State-dict pickling exports (serialize.cpp).</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)]
    internal static partial byte* mdsl_pickle_save(byte* names, IntPtr* tensors, int count, long* size);

    [LibraryImport(Lib)]
    internal static partial void mdsl_free_bytes(byte* bytes);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_pickle_load(byte* data, long size);

    [LibraryImport(Lib)]
    internal static partial int mdsl_entries_count(IntPtr entries);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_entries_key(IntPtr entries, int index);

    [LibraryImport(Lib)]
    internal static partial IntPtr mdsl_entries_value(IntPtr entries, int index);

    [LibraryImport(Lib)]
    internal static partial void mdsl_entries_free(IntPtr entries);
}
