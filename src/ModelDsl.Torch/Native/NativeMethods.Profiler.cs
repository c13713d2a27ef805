using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>Operator profiler exports (profiler.cpp).</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int mdsl_profiler_start(string tracePath);

    [LibraryImport(Lib)]
    internal static partial int mdsl_profiler_stop();
}
