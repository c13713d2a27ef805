using System.Diagnostics;

namespace ModelDsl.Benchmarks.Kernels;

/// <summary>Per-call times of competing implementations, sampled alternately so machine noise hits all alike.</summary>
internal sealed class Timing
{
    private readonly Dictionary<string, List<double>> samples = new();

    /// <summary>Times <paramref name="calls"/> calls of <paramref name="action"/>; records microseconds per call.</summary>
    public void Sample(string name, int calls, Action action)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            action();
        }

        watch.Stop();
        if (!samples.TryGetValue(name, out var list))
        {
            samples[name] = list = [];
        }

        list.Add(watch.Elapsed.TotalMicroseconds / calls);
    }

    /// <summary>
    /// Warms every implementation up, then samples each once per round, rotating which goes first so that none
    /// always runs right after the same neighbour.
    /// </summary>
    public void Alternate(int rounds, int calls, params (string Name, Action Action)[] sides)
    {
        for (var warm = 0; warm < 3; warm++)
        {
            foreach (var (_, action) in sides)
            {
                action();
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < sides.Length; i++)
            {
                var (name, action) = sides[(round + i) % sides.Length];
                Sample(name, calls, action);
            }
        }
    }

    /// <summary>One line per implementation: median, spread (min..max) and the ratio of medians to the baseline.</summary>
    public void Print(string title, string baseline)
    {
        Console.WriteLine(title);
        var reference = Median(samples[baseline]);
        foreach (var (name, list) in samples)
        {
            var median = Median(list);
            Console.WriteLine(
                $"  {name,-34} median {median,9:F1} us   min {list.Min(),9:F1}   max {list.Max(),9:F1}   x{reference / median,5:F2} vs {baseline}");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
