using System.Runtime.InteropServices;

namespace ModelDsl.Tests.Shared;

/// <summary>
/// Runs code with permission bits in force. Root ignores them (the CI sandbox is root), so on Linux as root the
/// calling thread's file-system identity is switched to nobody (setfsuid, per thread; the kernel then drops the
/// capabilities that bypass permission checks) for the duration of the call.
/// </summary>
internal static class Unprivileged
{
    private const uint Nobody = 65534;

    public static T Run<T>(Func<T> action)
    {
        if (!OperatingSystem.IsLinux() || GetEffectiveUserId() != 0) return action();
        SetFileSystemUserId(Nobody);
        try
        {
            // setfsuid reports nothing; asking with an invalid id returns the current one without changing it.
            Assert.Equal(Nobody, (uint)SetFileSystemUserId(uint.MaxValue));
            return action();
        }
        finally
        {
            SetFileSystemUserId(0);
        }
    }

    /// <summary>Makes <paramref name="path"/> inaccessible to everyone but root (and restores it for clean-up).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static IDisposable Lock(string path)
    {
        var before = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, UnixFileMode.None);
        return new Restore(() => File.SetUnixFileMode(path, before));
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    [DllImport("libc", EntryPoint = "setfsuid")]
    private static extern int SetFileSystemUserId(uint uid);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
