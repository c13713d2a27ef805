namespace ModelDsl.Training.Metrics;

/// <summary>How often the target class is among the <see cref="K"/> largest outputs (targets one-hot or indices).</summary>
public sealed class TopKCategoricalAccuracy : CountingMetric
{
    /// <summary>Creates the metric for the top <paramref name="k"/> classes.</summary>
    public TopKCategoricalAccuracy(int k = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
    }

    /// <summary>How many of the best-scored classes count as a hit.</summary>
    public int K { get; }

    /// <inheritdoc />
    public override string Name => $"top_{K}_accuracy";

    /// <inheritdoc />
    public override void Update(ReadOnlySpan<float> outputs, int outputWidth, ReadOnlySpan<float> targets, int targetWidth)
    {
        var n = ExampleCount(outputs, outputWidth, targets, targetWidth);
        var hits = 0;
        for (var i = 0; i < n; i++)
        {
            var row = outputs.Slice(i * outputWidth, outputWidth);
            var target = TargetClass(targets.Slice(i * targetWidth, targetWidth));
            // The target is in the top k when fewer than k classes score strictly higher.
            var higher = 0;
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] > row[target]) higher++;
            }
            if (higher < K) hits++;
        }
        Count(hits, n);
    }
}
