using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace ModelDsl.Benchmarks.Profile;

/// <summary>
/// Runs every configuration in its own child process, <c>rounds</c> times with the order rotating each round so
/// background load hits all alike, and pools their samples into one <see cref="ProfileTable"/>.
/// </summary>
internal static class ParentRun
{
    public static int Run(int rounds, int steps, int warmUp, int threads, string dataDir)
    {
        var results = Configurations.All.ToDictionary(c => c, _ => new ChildResults());
        var loadBefore = LoadAverage();
        var started = DateTime.UtcNow;
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < Configurations.All.Length; k++)
            {
                var config = Configurations.All[(round + k) % Configurations.All.Length];
                Console.Error.WriteLine($"round {round + 1}/{rounds}: {config}");
                RunChild(config, steps, warmUp, threads, dataDir, results[config]);
            }
        }

        var machine = FormattableString.Invariant(
            $"{started:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {threads} torch threads, {rounds} rounds x {steps} steps per configuration (+{warmUp} warm-up), load average {loadBefore} before, {LoadAverage()} after");
        Console.WriteLine(new ProfileTable(results).Render(machine));
        return 0;
    }

    private static void RunChild(string config, int steps, int warmUp, int threads, string dataDir, ChildResults into)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet Profile.dll` the process is the host: name the assembly; under the apphost it is the program.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in new[] { "child", config, Invariant(steps), Invariant(warmUp), Invariant(threads), dataDir }) start.ArgumentList.Add(a);
        start.Environment.Remove("MDSL_KERNELS");
        foreach (var (name, value) in Configurations.Environment(config)) start.Environment[name] = value;
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start the child process");
        string? line;
        while ((line = child.StandardOutput.ReadLine()) is not null)
        {
            var parts = line.Split('\t');
            if (parts.Length != 3) continue;
            var values = parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture));
            var target = parts[0] == "sample" ? into.Samples : into.Stats;
            if (!target.TryGetValue(parts[1], out var list)) target[parts[1]] = list = [];
            if (parts[0] == "sample" && !into.Order.Contains(parts[1])) into.Order.Add(parts[1]);
            list.AddRange(values);
        }
        child.WaitForExit();
        if (child.ExitCode != 0) throw new InvalidOperationException($"the {config} child exited with code {child.ExitCode}");
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

/// <summary>What the child processes of one configuration printed, pooled over rounds.</summary>
internal sealed class ChildResults
{
    public Dictionary<string, List<double>> Samples { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<double>> Stats { get; } = new(StringComparer.Ordinal);
    public List<string> Order { get; } = [];
}
