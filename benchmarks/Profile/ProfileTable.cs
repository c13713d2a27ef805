using System.Globalization;
using System.Text;

namespace ModelDsl.Benchmarks.Profile;

/// <summary>
/// The markdown table: one row per part of the step, per configuration the median milliseconds per step over all
/// pooled samples and its share of the sum of the parts' medians; then the whole unprobed step and the statistics.
/// </summary>
internal sealed class ProfileTable(Dictionary<string, ChildResults> results)
{
    public string Render(string machine)
    {
        var configs = Configurations.All;
        var rows = new List<string>();
        foreach (var c in configs)
        {
            foreach (var row in results[c].Order)
            {
                if (row != Configurations.WholeStepRow && !rows.Contains(row)) rows.Add(row);
            }
        }
        var sums = configs.ToDictionary(c => c, c => rows.Sum(r => Median(c, r) ?? 0));

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Training-step profile, {machine}.");
        text.AppendLine();
        text.Append("| part of the step |");
        foreach (var c in configs) text.Append(CultureInfo.InvariantCulture, $" {Configurations.Title(c)} ms | share |");
        text.AppendLine();
        text.Append("| --- |");
        foreach (var _ in configs) text.Append(" ---: | ---: |");
        text.AppendLine();
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {row} |");
            foreach (var c in configs)
            {
                var ms = Median(c, row);
                text.Append(ms is { } v ? FormattableString.Invariant($" {v:F2} | {100 * v / sums[c]:F1}% |") : " — | — |");
            }
            text.AppendLine();
        }
        Line(text, "**sum of the parts (probed step)**", configs, c => $"**{sums[c]:F2}**", _ => "100%");
        Line(text, Configurations.WholeStepRow + " (median)", configs, c => Format(Median(c, Configurations.WholeStepRow)), _ => "");
        Line(text, "whole step / hand-written whole step", configs,
            c => FormattableString.Invariant($"{Median(c, Configurations.WholeStepRow) / Median(Configurations.HandWritten, Configurations.WholeStepRow):F2}"), _ => "");
        foreach (var stat in new[] { Configurations.FaultsStat, Configurations.GcPauseStat, Configurations.Gen0Stat })
        {
            Line(text, stat, configs, c => Format(results[c].Stats.TryGetValue(stat, out var v) ? v.Average() : null), _ => "");
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, string[] configs, Func<string, string> value, Func<string, string> share)
    {
        text.Append(CultureInfo.InvariantCulture, $"| {label} |");
        foreach (var c in configs) text.Append(CultureInfo.InvariantCulture, $" {value(c)} | {share(c)} |");
        text.AppendLine();
    }

    private static string Format(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "—";

    private double? Median(string config, string row)
    {
        if (!results[config].Samples.TryGetValue(row, out var list) || list.Count == 0) return null;
        var sorted = list.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
