using System.Diagnostics;

namespace FashionMnist;

/// <summary>
/// Installs Debian's <c>dataset-fashion-mnist</c> when the main job runs as root on a Debian-like system that
/// lacks it: on machines that reach Debian's mirrors but not the data set's canonical host this is the
/// only way to get the data, and elsewhere it saves a download. Never asks for a password: without root it
/// does nothing and the caller falls back to the download.
/// </summary>
internal static class DebianPackage
{
    public const string Name = "dataset-fashion-mnist";

    /// <summary>Tries to install the package; returns whether it is installed afterwards.</summary>
    public static bool TryInstall(TextWriter log)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get") || Environment.UserName != "root") return false;
        log.WriteLine($"Installing Debian's {Name} (apt-get) ...");
        return Run("apt-get", "update -qq") && Run("apt-get", $"install -y -qq --no-install-recommends {Name}");
    }

    private static bool Run(string file, string arguments)
    {
        // apt-get's own output goes to the console: it is the progress a user wants to see.
        var start = new ProcessStartInfo(file, arguments);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        try
        {
            using var process = Process.Start(start);
            if (process is null) return false;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
