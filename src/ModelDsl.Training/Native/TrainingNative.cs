using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ModelDsl.Torch.Native;

namespace ModelDsl.Training.Native;

/// <summary>P/Invokes of the shim's training exports (<c>src/ModelDsl.Native/src/train_*.cpp</c>).</summary>
internal static partial class TrainingNative
{
    private const string Lib = "modeldsl_native";

    /// <summary>Resolves "modeldsl_native" for this assembly the way ModelDsl.Torch does.</summary>
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The resolver must be in place before the first P/Invoke.")]
    internal static void Register() => NativeLibraryLoader.Register(typeof(TrainingNative).Assembly);

    [LibraryImport(Lib)]
    internal static unsafe partial IntPtr mdsl_train_take_rows(IntPtr source, long* indices, long n);
}
