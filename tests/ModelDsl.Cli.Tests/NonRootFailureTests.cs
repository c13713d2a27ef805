using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Xunit.Abstractions;

namespace ModelDsl.Cli.Tests;

/// <summary>
/// The built CLI run as a non-root user (root ignores permission bits; the CI sandbox is root, so a user is created
/// and the CLI runs through runuser or setpriv) on an unreadable data file and folder and an unwritable --out: one
/// line on standard error, no stack trace, the exit code <c>--help</c> documents.
/// </summary>
public sealed class NonRootFailureTests : IDisposable
{
    private const string User = "mdsl-cli-nonroot";
    private const string Spec = "model Tiny(input = 1x6x6) {\n  flatten\n  dense(10, softmax)\n}\n";
    private static readonly object UserLock = new();

    private readonly ITestOutputHelper _output;
    private readonly string _dir;

    public NonRootFailureTests(ITestOutputHelper output)
    {
        _output = output;
        _dir = Path.Combine(Path.GetTempPath(), "mdsl-cli-nonroot-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(_dir);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_dir, Mode("755"));
    }

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(_dir, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(path, Mode("755"));
        }
        Directory.Delete(_dir, recursive: true);
    }

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    private string WriteSpec()
    {
        var path = Path.Combine(_dir, "tiny.mdsl");
        File.WriteAllText(path, Spec);
        return path;
    }

    // A 6x6, 3-class IDX directory with every file readable by anyone.
    private string WriteData()
    {
        var data = Path.Combine(_dir, "data");
        Directory.CreateDirectory(data);
        foreach (var (prefix, count) in new[] { ("train", 12), ("t10k", 6) })
        {
            File.WriteAllBytes(Path.Combine(data, $"{prefix}-images-idx3-ubyte"), Idx([count, 6, 6], new byte[count * 36]));
            File.WriteAllBytes(Path.Combine(data, $"{prefix}-labels-idx1-ubyte"), Idx([count], Enumerable.Range(0, count).Select(i => (byte)(i % 3)).ToArray()));
        }
        return data;
    }

    private static byte[] Idx(int[] dims, byte[] data)
    {
        var header = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)(0x800 + dims.Length));
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4 + 4 * i), (uint)dims[i]);
        return [.. header, .. data];
    }

    /// <summary>Runs the built CLI as a non-root user; null (with the reason written to the test output) when this machine cannot.</summary>
    private (int Exit, string Out, string Err)? RunAsNonRoot(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "modeldsl.dll");
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var command = new List<string> { dotnet, cli };
        command.AddRange(args);
        if (GetEffectiveUserId() == 0)
        {
            if (!EnsureUser(out var why))
            {
                _output.WriteLine("SKIPPED: cannot run as a non-root user: " + why);
                return null;
            }
            var runuser = Run(["runuser", "-u", User, "--", "true"]);
            command.InsertRange(0, runuser.Exit == 0
                ? ["runuser", "-u", User, "--"]
                : ["setpriv", $"--reuid={User}", $"--regid={User}", "--clear-groups"]);
        }
        var help = Run([.. command.Take(command.Count - args.Length), "--help"]);
        if (help.Exit != 0)
        {
            _output.WriteLine($"SKIPPED: the non-root user cannot start the CLI at '{cli}' (exit {help.Exit}): {help.Err}");
            return null;
        }
        return Run(command);
    }

    private static (int Exit, string Out, string Err) Run(IReadOnlyList<string> command)
    {
        var info = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var a in command.Skip(1)) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["HOME"] = Path.GetTempPath();
        try
        {
            using var p = Process.Start(info)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result.ReplaceLineEndings("\n"), stderr.ReplaceLineEndings("\n"));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", e.Message);
        }
    }

    private static bool EnsureUser(out string why)
    {
        lock (UserLock)
        {
            why = "";
            if (Run(["id", "-u", User]).Exit == 0) return true;
            var add = Run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", User]);
            // Another test process may have created it meanwhile.
            if (Run(["id", "-u", User]).Exit == 0) return true;
            why = $"useradd failed (exit {add.Exit}): {add.Err.Trim()}";
            return false;
        }
    }

    private static void AssertOneLine(int expectedExit, (int Exit, string Out, string Err) result, string expectedStart)
    {
        var (exit, output, err) = result;
        var lines = err.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, "expected one line on stderr but got:\n" + err);
        Assert.StartsWith(expectedStart, lines[0]);
        Assert.DoesNotContain("   at ", err + output);
        Assert.DoesNotContain("Unhandled exception", err + output);
        Assert.Equal(expectedExit, exit);
    }

    [Fact]
    public void An_unreadable_data_file_is_one_line_and_exit_code_2()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permission bits
        var data = WriteData();
        var images = Path.Combine(data, "train-images-idx3-ubyte");
        File.SetUnixFileMode(images, Mode("600"));
        var result = RunAsNonRoot("train", WriteSpec(), "--data", data, "--out", Path.Combine(_dir, "out"), "--epochs", "1");
        if (result is null) return;

        AssertOneLine(CliApp.UsageError, result.Value, "modeldsl: error: ");
        Assert.Contains(images, result.Value.Err);
        Assert.Contains("denied", result.Value.Err);
    }

    [Fact]
    public void An_unreadable_data_folder_is_reported_as_unreadable_not_missing()
    {
        if (OperatingSystem.IsWindows()) return;
        var data = WriteData();
        File.SetUnixFileMode(data, Mode("700"));
        var result = RunAsNonRoot("train", WriteSpec(), "--data", data, "--out", Path.Combine(_dir, "out"), "--epochs", "1");
        if (result is null) return;

        AssertOneLine(CliApp.UsageError, result.Value, $"modeldsl: error: Data directory '{data}' cannot be read: permission denied.");
    }

    [Fact]
    public void An_unwritable_out_folder_is_found_before_training_one_line_exit_code_2()
    {
        if (OperatingSystem.IsWindows()) return;
        var data = WriteData();
        var locked = Path.Combine(_dir, "locked");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, Mode("755")); // root's: others may enter, not write
        var result = RunAsNonRoot("train", WriteSpec(), "--data", data, "--out", Path.Combine(locked, "run"), "--epochs", "1");
        if (result is null) return;

        AssertOneLine(CliApp.UsageError, result.Value, $"modeldsl: error: cannot write to --out '{Path.Combine(locked, "run")}': ");
        Assert.DoesNotContain("Epoch", result.Value.Out);
    }

    [Fact]
    public void An_unwritable_preview_png_is_one_line_and_exit_code_2()
    {
        if (OperatingSystem.IsWindows()) return;
        var images = Path.Combine(_dir, "images", "cats");
        Directory.CreateDirectory(images);
        ModelDsl.Vision.ImageWriter.WritePng(Path.Combine(images, "1.png"), new byte[4 * 4 * 3], 4, 4, 3);
        foreach (var d in new[] { Path.Combine(_dir, "images"), images }) File.SetUnixFileMode(d, Mode("755"));
        File.SetUnixFileMode(Path.Combine(images, "1.png"), Mode("644"));
        var locked = Path.Combine(_dir, "locked");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, Mode("755"));
        var png = Path.Combine(locked, "grid.png");
        var result = RunAsNonRoot("augment-preview", Path.Combine(_dir, "images"), "--out", png, "--rows", "1", "--cols", "2", "--size", "8x8");
        if (result is null) return;

        AssertOneLine(CliApp.UsageError, result.Value, "modeldsl: error: ");
        Assert.Contains(png, result.Value.Err);
    }
}
