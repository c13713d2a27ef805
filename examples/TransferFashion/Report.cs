namespace TransferFashion;

/// <summary>The accuracies of the three methods on one draw of the small set.</summary>
internal sealed record DrawResult(int PerClass, int Seed, double Feature, double FineTune, double Scratch);

/// <summary>
/// Prints the comparison so that "transfer is clearly above scratch" can be checked: the mean ± standard
/// deviation of each method over the draws, and the paired differences (transfer − scratch on the same draw),
/// which remove the draw-to-draw spread that the three methods share.
/// </summary>
internal static class Report
{
    public static void Print(IReadOnlyList<DrawResult> results, string evaluatedOn)
    {
        foreach (var group in results.GroupBy(r => r.PerClass))
        {
            var draws = group.ToList();
            Console.WriteLine();
            Console.WriteLine($"{group.Key} labelled images per class, accuracy on {evaluatedOn} (percent):");
            Console.WriteLine($"  {"draw seed",-12}{"feature extr.",16}{"fine-tuning",16}{"scratch",16}{"FE - scratch",16}{"FT - scratch",16}");
            foreach (var d in draws)
            {
                Console.WriteLine($"  {d.Seed,-12}{100 * d.Feature,16:F2}{100 * d.FineTune,16:F2}{100 * d.Scratch,16:F2}" +
                    $"{100 * (d.Feature - d.Scratch),16:+0.00;-0.00}{100 * (d.FineTune - d.Scratch),16:+0.00;-0.00}");
            }
            Console.WriteLine($"  {"mean ± std",-12}{Stat(draws, d => d.Feature),16}{Stat(draws, d => d.FineTune),16}{Stat(draws, d => d.Scratch),16}" +
                $"{Stat(draws, d => d.Feature - d.Scratch, signed: true),16}{Stat(draws, d => d.FineTune - d.Scratch, signed: true),16}");
        }
    }

    /// <summary>Mean ± sample standard deviation, in percent.</summary>
    private static string Stat(IReadOnlyList<DrawResult> draws, Func<DrawResult, double> value, bool signed = false)
    {
        var values = draws.Select(d => 100 * value(d)).ToArray();
        var mean = values.Average();
        var std = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : 0;
        return signed ? FormattableString.Invariant($"{mean:+0.00;-0.00} ± {std:F2}") : FormattableString.Invariant($"{mean:F2} ± {std:F2}");
    }
}
