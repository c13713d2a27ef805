using System.Diagnostics;

namespace ModelDsl.Training.Tests.Training;

public sealed class CheckpointKillTests
{
    [Fact]
    public void Killing_a_process_mid_save_never_leaves_a_half_written_checkpoint()
    {
        var killedMidWrite = 0;
        // Most of the writer's time is inside a save, but a kill can still land between two saves: try until one
        // lands mid-write (usually the first or second attempt), checking every visible checkpoint each time.
        for (var attempt = 0; attempt < 12 && killedMidWrite == 0; attempt++)
        {
            using var dir = new TempDir();
            using var child = StartWriter(dir.Path);
            try
            {
                WaitFor(() => File.Exists(dir.File("started")), child);
                Thread.Sleep(300 + 137 * (attempt % 4)); // land the kill at a different point of the save loop each time
            }
            finally
            {
                child.Kill();
                child.WaitForExit();
            }

            var checkpoints = Directory.GetFiles(dir.Path, "ckpt-*.pt");
            Assert.NotEmpty(checkpoints);
            foreach (var path in checkpoints)
            {
                // Every visible checkpoint is complete: it loads, and into the model it came from.
                using var model = CheckpointWriterProcess.Model();
                using var trainer = new Trainer(model, "adam", "mse");
                var next = trainer.LoadCheckpoint(path);
                Assert.True(next >= 1, $"{path} resumes at epoch {next}");
            }
            // A leftover temporary file shows the kill interrupted a save before its rename; the glob above
            // never sees it, so a resuming process cannot pick it up.
            if (Directory.GetFiles(dir.Path, "*.tmp").Length > 0) killedMidWrite++;
        }
        Assert.True(killedMidWrite > 0, "No kill landed during a write; the test did not exercise a half-written file.");
    }

    private static Process StartWriter(string dir)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "exec", typeof(Program).Assembly.Location, "--checkpoint-writer", dir }) info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    private static void WaitFor(Func<bool> condition, Process child)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (child.HasExited) Assert.Fail($"The checkpoint writer exited early ({child.ExitCode}): {child.StandardError.ReadToEnd()}");
            if (DateTime.UtcNow > deadline) Assert.Fail("The checkpoint writer did not write its first checkpoint within 30 s.");
            Thread.Sleep(20);
        }
    }
}
