using System.Diagnostics;
using System.Globalization;

namespace ModelDsl.Benchmarks.Inference;

/// <summary>Times two sides alternately, the order swapping every round, and summarises each side's seconds.</summary>
internal static class Rounds
{
    public static (double[] Ours, double[] Theirs) Alternate(int rounds, Action ours, Action theirs)
    {
        var a = new double[rounds];
        var b = new double[rounds];
        for (var r = 0; r < rounds; r++)
        {
            if (r % 2 == 0)
            {
                a[r] = Time(ours);
                b[r] = Time(theirs);
            }
            else
            {
                b[r] = Time(theirs);
                a[r] = Time(ours);
            }
        }
        return (a, b);
    }

    public static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    public static double Median(double[] xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>One table row: median, min–max and the ratio of medians (theirs / ours: above 1 means we are faster).</summary>
    public static string Row(string what, double[] ours, double[] theirs, string unit, double scale) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {what,-34} | {Median(ours) * scale,9:F1} ({ours.Min() * scale:F1}-{ours.Max() * scale:F1}) | {Median(theirs) * scale,9:F1} ({theirs.Min() * scale:F1}-{theirs.Max() * scale:F1}) | {Median(theirs) / Median(ours),5:F2}x | {unit} |");

    public const string Header =
        "| benchmark                          | ModelDsl median (min-max) | TorchSharp median (min-max) | speed-up | unit |\n" +
        "| ---------------------------------- | ------------------------- | --------------------------- | -------- | ---- |";
}
