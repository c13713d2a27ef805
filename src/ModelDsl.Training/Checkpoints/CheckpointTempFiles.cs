using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelDsl.Training.Checkpoints;

/// <summary>
/// The temporary siblings checkpoint writes go through, named <c>.{target}.{pid}.{32 hex}.tmp</c>: the writer's
/// process id in the name tells a file left by a killed writer (its process is gone, or the id now belongs to a
/// process started after the file was last written) from one a live writer is still filling, which is never touched.
/// </summary>
internal static partial class CheckpointTempFiles
{
    // Clocks: a process's start time is derived from boot time and clock ticks, a file's from the file system;
    // a file must predate the start by this much before the writer is taken for a different, earlier process.
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(2);

    /// <summary>A fresh temporary path for writing <paramref name="fullPath"/> from this process.</summary>
    public static string For(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!,
            string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp"));

    /// <summary>Deletes the stale temporary files of this naming pattern in <paramref name="directory"/>; best effort.</summary>
    /// <returns>How many were deleted.</returns>
    public static int RemoveStale(string directory)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, ".*.tmp").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        var removed = 0;
        foreach (var path in candidates)
        {
            var match = TempName().Match(Path.GetFileName(path));
            if (!match.Success || !int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                if (!IsStale(path, pid)) continue;
                File.Delete(path);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process removed it first, or it is not ours to delete: either way nothing to do.
            }
        }
        return removed;
    }

    private static bool IsStale(string path, int pid)
    {
        var written = File.GetLastWriteTimeUtc(path);
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return true; // no process has that id: its writer is gone
        }
        using (process)
        {
            try
            {
                // Process ids are reused (in a container the next run may get the killed one's id, even ours):
                // a file last written before its pid's current owner started was written by someone else.
                return written < process.StartTime.ToUniversalTime() - ClockSlack;
            }
            catch (Exception e) when (e is InvalidOperationException)
            {
                return true; // exited between the two calls
            }
            catch (Exception e) when (e is Win32Exception or NotSupportedException)
            {
                return false; // cannot tell: keep it
            }
        }
    }

    [GeneratedRegex(@"^\..+\.(?<pid>[0-9]{1,10})\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex TempName();
}
