namespace ModelDsl.Training.Metrics;

/// <summary>
/// Keras's <c>"accuracy"</c>: binary accuracy for single outputs, categorical accuracy for one-hot targets,
/// sparse categorical accuracy for class-index targets — decided from the widths of each batch.
/// </summary>
/// <param name="binaryThreshold">Threshold for single outputs: 0.5 for probabilities, 0 for logits.</param>
public sealed class Accuracy(float binaryThreshold = 0.5f) : CountingMetric
{
    /// <inheritdoc />
    public override string Name => "accuracy";

    /// <summary>Threshold used when the model has one output per example.</summary>
    public float BinaryThreshold { get; set; } = binaryThreshold;

    /// <inheritdoc />
    public override void Update(ReadOnlySpan<float> outputs, int outputWidth, ReadOnlySpan<float> targets, int targetWidth)
    {
        var n = ExampleCount(outputs, outputWidth, targets, targetWidth);
        var hits = 0;
        if (outputWidth == 1)
        {
            for (var i = 0; i < n; i++)
            {
                if (outputs[i] > BinaryThreshold == targets[i] > 0.5f) hits++;
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                if (ArgMax(outputs.Slice(i * outputWidth, outputWidth)) == TargetClass(targets.Slice(i * targetWidth, targetWidth))) hits++;
            }
        }
        Count(hits, n);
    }
}
