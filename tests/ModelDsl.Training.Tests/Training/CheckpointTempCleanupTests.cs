using System.Diagnostics;
using ModelDsl.Training.Checkpoints;

namespace ModelDsl.Training.Tests.Training;

/// <summary>
/// A checkpoint write killed mid-way leaves its temporary sibling behind; the next checkpoint written to that
/// folder removes such files, and only those: a writer that is still running keeps its file.
/// </summary>
public sealed class CheckpointTempCleanupTests
{
    private static string Guid32() => Guid.NewGuid().ToString("N");

    // The test assembly started with no arguments prints a line and exits: a real process whose id is now free.
    private static int DeadProcessId()
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(typeof(Program).Assembly.Location);
        using var child = Process.Start(info)!;
        child.WaitForExit();
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(child.Id));
        return child.Id;
    }

    private static Process StartWriter(string dir)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "exec", typeof(Program).Assembly.Location, "--checkpoint-writer", dir }) info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    private static string Touch(string path, DateTime? writtenUtc = null)
    {
        File.WriteAllText(path, "partial");
        if (writtenUtc is { } t) File.SetLastWriteTimeUtc(path, t);
        return path;
    }

    [Fact]
    public void Saving_removes_temporaries_of_dead_writers_and_keeps_those_of_running_ones()
    {
        using var dir = new TempDir();
        using var elsewhere = new TempDir();
        var self = Environment.ProcessId;
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();

        var deadWriter = Touch(dir.File($".best.pt.{DeadProcessId()}.{Guid32()}.tmp"));
        // Our own id on a file older than this process: a previous run that had the same id (common in containers).
        var reusedId = Touch(dir.File($".last.pt.{self}.{Guid32()}.tmp"), started.AddHours(-1));
        // Our own id, written now: another checkpoint write of this process, in progress.
        var ownInProgress = Touch(dir.File($".best.pt.{self}.{Guid32()}.tmp"));
        // Files that do not follow the pattern are never ours to delete.
        var foreign = new[]
        {
            Touch(dir.File("notes.tmp"), started.AddDays(-2)),
            Touch(dir.File(".editor-swap.tmp"), started.AddDays(-2)),
            Touch(dir.File($".best.pt.{DeadProcessId()}.not-a-guid.tmp"), started.AddDays(-2)),
        };

        using var writer = StartWriter(elsewhere.Path);
        try
        {
            // A running process's file, written after it started.
            var liveWriter = Touch(dir.File($".best.pt.{writer.Id}.{Guid32()}.tmp"));
            using var model = TestModels.Linear(2, 3, seed: 1);
            CheckpointFile.Save(dir.File("best.pt"), 0, model, null);

            Assert.False(File.Exists(deadWriter), "the dead writer's temporary file is still there");
            Assert.False(File.Exists(reusedId), "the temporary file of an earlier process with this id is still there");
            Assert.True(File.Exists(ownInProgress));
            Assert.True(File.Exists(liveWriter));
            Assert.All(foreign, f => Assert.True(File.Exists(f), f));
            Assert.True(File.Exists(dir.File("best.pt")));
            // Save's own temporary file was renamed, not left behind.
            Assert.Equal(5, Directory.GetFiles(dir.Path, "*.tmp").Length);
        }
        finally
        {
            writer.Kill();
            writer.WaitForExit();
        }
    }

    [Fact]
    public void RemoveStaleTemporaryFiles_reports_how_many_it_deleted_and_tolerates_a_missing_folder()
    {
        using var dir = new TempDir();
        Touch(dir.File($".a.pt.{DeadProcessId()}.{Guid32()}.tmp"));
        Touch(dir.File($".b.pt.{Environment.ProcessId}.{Guid32()}.tmp"));
        Assert.Equal(1, CheckpointFile.RemoveStaleTemporaryFiles(dir.Path));
        Assert.Equal(0, CheckpointFile.RemoveStaleTemporaryFiles(dir.Path));
        Assert.Equal(0, CheckpointFile.RemoveStaleTemporaryFiles(dir.File("missing")));
    }

    [Fact]
    public void The_file_a_killed_writer_leaves_is_removed_by_the_next_save_to_that_folder()
    {
        // Kill a writer until a kill lands mid-write (as in CheckpointKillTests), then write one checkpoint there.
        for (var attempt = 0; attempt < 12; attempt++)
        {
            using var dir = new TempDir();
            using (var child = StartWriter(dir.Path))
            {
                try
                {
                    var deadline = DateTime.UtcNow.AddSeconds(30);
                    while (!File.Exists(dir.File("started")) && !child.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(20);
                    if (child.HasExited) Assert.Fail("the checkpoint writer exited early: " + child.StandardError.ReadToEnd());
                    Thread.Sleep(200 + 137 * (attempt % 4));
                }
                finally
                {
                    child.Kill();
                    child.WaitForExit();
                }
            }
            var left = Directory.GetFiles(dir.Path, "*.tmp");
            if (left.Length == 0) continue;

            using var model = TestModels.Linear(2, 3, seed: 1);
            CheckpointFile.Save(dir.File("after.pt"), 0, model, null);
            Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
            Assert.True(File.Exists(dir.File("after.pt")));
            return;
        }
        Assert.Fail("No kill landed during a write in 12 attempts; the test did not see a killed writer's file.");
    }
}
