namespace ModelDsl.Training.Metrics;

/// <summary>A metric that is the fraction of hits among the cases seen (every accuracy).</summary>
public abstract class CountingMetric : Metric
{
    private long hits;
    private long total;

    /// <inheritdoc />
    public override double Result => total == 0 ? double.NaN : (double)hits / total;

    /// <inheritdoc />
    public override void Reset() => hits = total = 0;

    /// <summary>Records <paramref name="newHits"/> hits out of <paramref name="cases"/>.</summary>
    protected void Count(long newHits, long cases)
    {
        hits += newHits;
        total += cases;
    }
}
