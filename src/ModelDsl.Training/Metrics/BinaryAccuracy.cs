namespace ModelDsl.Training.Metrics;

/// <summary>How often an output element on the same side of <see cref="Threshold"/> as its 0/1 target.</summary>
/// <param name="threshold">The decision threshold: 0.5 for probabilities, 0 for logits.</param>
public sealed class BinaryAccuracy(float threshold = 0.5f) : CountingMetric
{
    /// <summary>Outputs above this count as 1.</summary>
    public float Threshold { get; } = threshold;

    /// <inheritdoc />
    public override string Name => "binary_accuracy";

    /// <inheritdoc />
    public override void Update(ReadOnlySpan<float> outputs, int outputWidth, ReadOnlySpan<float> targets, int targetWidth)
    {
        ExampleCount(outputs, outputWidth, targets, targetWidth);
        if (outputs.Length != targets.Length)
        {
            throw new ArgumentException($"Binary accuracy compares element-wise: outputs have {outputs.Length} values, targets {targets.Length}.");
        }
        var hits = 0;
        for (var i = 0; i < outputs.Length; i++)
        {
            if (outputs[i] > Threshold == targets[i] > 0.5f) hits++;
        }
        Count(hits, outputs.Length);
    }
}
