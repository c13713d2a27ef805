using System.Diagnostics;

namespace ModelDsl.Benchmarks.Profile;

/// <summary>
/// Splits training steps into named parts: each <see cref="Lap"/> charges the time since the previous lap to a row.
/// CPU operators are synchronous, so the wall time between two laps is the time of the operators called between them.
/// A row lapped several times in one step (none is, today) is summed within the step.
/// </summary>
internal sealed class StepClock
{
    private readonly Dictionary<string, List<double>> samples = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> current = new(StringComparer.Ordinal);
    private readonly List<string> order = [];
    private long last;

    /// <summary>Rows in the order they were first lapped.</summary>
    public IReadOnlyList<string> Rows => order;

    /// <summary>Per-step milliseconds of a row.</summary>
    public IReadOnlyList<double> Samples(string row) => samples[row];

    /// <summary>Restarts the lap timer without charging anyone (e.g. after a probe's own forward).</summary>
    public void Skip() => last = Stopwatch.GetTimestamp();

    /// <summary>Charges the time since the last lap to <paramref name="row"/>.</summary>
    public void Lap(string row)
    {
        var now = Stopwatch.GetTimestamp();
        var ms = Stopwatch.GetElapsedTime(last, now).TotalMilliseconds;
        current[row] = current.GetValueOrDefault(row) + ms;
        last = now;
    }

    /// <summary>Records an externally measured value for this step (e.g. a whole unprobed step).</summary>
    public void Record(string row, double ms) => current[row] = current.GetValueOrDefault(row) + ms;

    /// <summary>Closes the step: the values lapped since the previous call become one sample per row.</summary>
    public void EndStep(bool keep)
    {
        if (keep)
        {
            foreach (var (row, ms) in current)
            {
                if (!samples.TryGetValue(row, out var list))
                {
                    samples[row] = list = [];
                    order.Add(row);
                }
                list.Add(ms);
            }
        }
        current.Clear();
    }
}
