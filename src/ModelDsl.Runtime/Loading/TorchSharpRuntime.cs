using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using TorchSharp;

namespace ModelDsl.Runtime;

/// <summary>Loads TorchSharp's CPU backend once and turns a failure into an error that names what is missing.</summary>
public static partial class TorchSharpRuntime
{
    private static readonly Lock Gate = new();
    private static bool loaded;

    /// <summary>The libtorch version TorchSharp runs on (e.g. <c>2.10.0</c>), loading it if needed.</summary>
    /// <exception cref="TorchSharpLoadException">The native libraries cannot be loaded on this machine.</exception>
    public static string LibTorchVersion
    {
        get
        {
            EnsureLoaded();
            return torch.__version__;
        }
    }

    /// <summary>
    /// Loads TorchSharp's native backend (idempotent, thread-safe) and, on Linux, makes the process keep freed
    /// native memory for reuse (<see cref="Memory.NativeHeap.KeepFreedMemory"/>; opt out with
    /// <c>MDSL_KEEP_FREED_MEMORY=0</c>). Generated and spec-built models call it when they are constructed.
    /// </summary>
    /// <exception cref="TorchSharpLoadException">The native libraries cannot be loaded on this machine.</exception>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (loaded) return;
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is NotSupportedException or TypeInitializationException or DllNotFoundException or InvalidOperationException)
            {
                throw new TorchSharpLoadException(Diagnose(e), e);
            }
            loaded = true;
            Memory.NativeHeap.KeepFreedMemory();
        }
    }

    /// <summary>
    /// Explains a load failure: no backend package, or the dynamic loader's own reason for refusing
    /// <c>libLibTorchSharp</c> (a missing GLIBCXX version, a missing dependency).
    /// </summary>
    internal static string Diagnose(Exception failure)
    {
        var text = failure.ToString();
        var library = FindNativeLibrary();
        if (library == null)
        {
            var package = MissingBackendPackage().Match(text);
            var name = package.Success ? package.Groups[1].Value : "a libtorch CPU package";
            return $"TorchSharp's native libraries are not in the application's folder ({AppContext.BaseDirectory}): " +
                   $"the application must reference {name} (or TorchSharp-cpu). Libraries reference TorchSharp only; executables and tests pick the backend.";
        }
        var reason = LoaderReason(library);
        if (reason == null)
            return $"TorchSharp could not initialise its CPU backend from {library}: {failure.GetBaseException().Message}";
        var version = MissingVersion().Match(reason);
        if (version.Success)
        {
            return $"{library} needs {version.Groups[2].Value} of {version.Groups[1].Value}, which this system lacks. " +
                   "ModelDsl's build step (ModelDsl.Runtime.targets, ModelDslPrepareLibTorchSharp) marks that requirement weak in the build output; " +
                   "rebuild the application with ModelDsl referenced (and ModelDslPatchLibTorchSharp not false), or install a newer libstdc++. Loader: " + reason;
        }
        return $"{library} cannot be loaded: {reason}";
    }

    private static string? FindNativeLibrary()
    {
        var name = OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";
        var rid = RuntimeInformation.RuntimeIdentifier;
        var candidates = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", name),
            Path.Combine(AppContext.BaseDirectory, "runtimes", OsPrefix() + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), "native", name),
            Path.Combine(AppContext.BaseDirectory, name),
        };
        return candidates.FirstOrDefault(File.Exists);
    }

    private static string OsPrefix() => OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";

    private static string? LoaderReason(string library)
    {
        try
        {
            var handle = NativeLibrary.Load(library);
            NativeLibrary.Free(handle);
            return null;
        }
        catch (DllNotFoundException e)
        {
            return e.Message;
        }
        catch (BadImageFormatException e)
        {
            return e.Message;
        }
    }

    [GeneratedRegex(@"reference to (libtorch-[A-Za-z0-9\-]+)")]
    private static partial Regex MissingBackendPackage();

    [GeneratedRegex(@"([^\s:]+): version [`']([A-Za-z]+_[\d.]+)' not found")]
    private static partial Regex MissingVersion();
}
