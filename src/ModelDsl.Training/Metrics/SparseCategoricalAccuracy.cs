namespace ModelDsl.Training.Metrics;

/// <summary>How often the output's argmax equals the integer class target.</summary>
public sealed class SparseCategoricalAccuracy : CountingMetric
{
    /// <inheritdoc />
    public override string Name => "sparse_categorical_accuracy";

    /// <inheritdoc />
    public override void Update(ReadOnlySpan<float> outputs, int outputWidth, ReadOnlySpan<float> targets, int targetWidth)
    {
        var n = ExampleCount(outputs, outputWidth, targets, targetWidth);
        if (targetWidth != 1) throw new ArgumentException($"Sparse categorical accuracy needs one class index per example, got targets of width {targetWidth}.");
        var hits = 0;
        for (var i = 0; i < n; i++)
        {
            if (ArgMax(outputs.Slice(i * outputWidth, outputWidth)) == (int)targets[i]) hits++;
        }
        Count(hits, n);
    }
}
