namespace ModelDsl.Training.Metrics;

/// <summary>How often the output's argmax equals the one-hot target's argmax.</summary>
public sealed class CategoricalAccuracy : CountingMetric
{
    /// <inheritdoc />
    public override string Name => "categorical_accuracy";

    /// <inheritdoc />
    public override void Update(ReadOnlySpan<float> outputs, int outputWidth, ReadOnlySpan<float> targets, int targetWidth)
    {
        var n = ExampleCount(outputs, outputWidth, targets, targetWidth);
        var hits = 0;
        for (var i = 0; i < n; i++)
        {
            if (ArgMax(outputs.Slice(i * outputWidth, outputWidth)) == ArgMax(targets.Slice(i * targetWidth, targetWidth))) hits++;
        }
        Count(hits, n);
    }
}
