using System.Diagnostics;

namespace ModelDsl.Training.Tests.Reports;

/// <summary>Runs Debian's headless Chromium on a local file and returns the DOM after its scripts ran.</summary>
internal static class Chromium
{
    private const string Executable = "/usr/bin/chromium";

    public static string DumpDom(string htmlPath)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: run scripts/setup.sh (it installs Debian's chromium) to render the training report in tests.");
        using var profile = new TempDir();
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", $"--user-data-dir={profile.Path}", "--virtual-time-budget=5000",
            "--dump-dom", new Uri(htmlPath).AbsoluteUri,
        })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var dom = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish rendering the report within 60 s.");
        }
        Assert.True(dom.Length > 0, $"Chromium printed no DOM (exit {process.ExitCode}): {stderr.Result}");
        return dom;
    }
}
