using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>Finds libmodeldsl_native.so next to the assemblies, or in the repository's artifacts folder.</summary>
internal static class NativeLibraryLoader
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The resolver must be in place before the first P/Invoke.")]
    internal static void Register() => Register(typeof(NativeLibraryLoader).Assembly);

    /// <summary>Lets a friend assembly with its own P/Invokes into the shim resolve it the same way.</summary>
    internal static void Register(Assembly assembly) =>
        NativeLibrary.SetDllImportResolver(assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Lib) return IntPtr.Zero;
        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                TorchRuntime.OnLibraryLoaded(handle);
                return handle;
            }
        }
        throw new DllNotFoundException(
            "libmodeldsl_native.so was not found next to the ModelDsl assemblies nor in artifacts/native. " +
            "Build it with scripts/setup.sh (any `dotnet build` of ModelDsl.Torch does this by itself).");
    }

    private static IEnumerable<string> Candidates()
    {
        const string file = "libmodeldsl_native.so";
        yield return Path.Combine(AppContext.BaseDirectory, file);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (; dir is not null; dir = dir.Parent)
        {
            yield return Path.Combine(dir.FullName, "artifacts", "native", file);
        }
    }
}
