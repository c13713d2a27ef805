using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ModelDsl.Torch.Native;

namespace ModelDsl.Vision.Native;

/// <summary>P/Invoke declarations of the shim's image exports (src/ModelDsl.Native/src/image_*.cpp).</summary>
internal static partial class VisionNative
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The resolver must be in place before the first P/Invoke.")]
    internal static void RegisterResolver() => NativeLibraryLoader.Register(typeof(VisionNative).Assembly);

    [LibraryImport(NativeMethods.Lib)]
    internal static unsafe partial int mdsl_image_info(byte* data, long length, int* width, int* height, int* channels);

    [LibraryImport(NativeMethods.Lib)]
    internal static unsafe partial int mdsl_image_load(byte* data, long length, int channels, int targetHeight, int targetWidth,
        int interpolation, float* output, long capacity);

    [LibraryImport(NativeMethods.Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int mdsl_image_write_png(string path, byte* pixels, int width, int height, int channels);

    [LibraryImport(NativeMethods.Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int mdsl_image_write_jpg(string path, byte* pixels, int width, int height, int channels, int quality);

    [LibraryImport(NativeMethods.Lib)]
    internal static unsafe partial IntPtr mdsl_image_augment(IntPtr images, float* theta, byte* flipH, byte* flipV,
        float* brightness, int fillMode, float cval, int nearest);

    [LibraryImport(NativeMethods.Lib)]
    internal static unsafe partial IntPtr mdsl_image_normalize(IntPtr images, float scale, float* mean, float* std, int bgr);

    [LibraryImport(NativeMethods.Lib)]
    internal static unsafe partial int mdsl_image_to_u8(IntPtr images, byte* output, long capacity);

    /// <summary>The native failure message of this thread's last failed call.</summary>
    internal static string LastError() => Marshal.PtrToStringUTF8(NativeMethods.mdsl_last_error()) ?? "unknown native error";
}
