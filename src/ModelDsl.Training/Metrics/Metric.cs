namespace ModelDsl.Training.Metrics;

/// <summary>
/// A running metric over batches (Keras's stateful metrics): reset at each epoch, updated per batch with
/// the model outputs and targets copied to managed memory, read as one number.
/// </summary>
/// <remarks>
/// Outputs and targets arrive row-major as [N, width]; class-index targets have width 1 and hold the index
/// as a float. Working on managed copies keeps metrics independent of the tensor library and costs a few
/// hundred floats per step.
/// </remarks>
public abstract class Metric
{
    /// <summary>The name the metric is logged under (validation values get a <c>val_</c> prefix).</summary>
    public abstract string Name { get; }

    /// <summary>The value over all batches since the last <see cref="Reset"/>; NaN before any update.</summary>
    public abstract double Result { get; }

    /// <summary>Forgets all batches seen so far.</summary>
    public abstract void Reset();

    /// <summary>Adds one batch.</summary>
    /// <param name="outputs">Model outputs, [N, outputWidth] row-major.</param>
    /// <param name="outputWidth">Values per example in <paramref name="outputs"/>.</param>
    /// <param name="targets">Targets, [N, targetWidth] row-major.</param>
    /// <param name="targetWidth">Values per example in <paramref name="targets"/> (1 for class indices).</param>
    public abstract void Update(ReadOnlySpan<float> outputs, int outputWidth, ReadOnlySpan<float> targets, int targetWidth);

    /// <summary>
    /// Resolves a Keras metric name: <c>accuracy</c>/<c>acc</c> (chosen from the shapes, like Keras),
    /// <c>binary_accuracy</c>, <c>categorical_accuracy</c>, <c>sparse_categorical_accuracy</c>,
    /// <c>top_k_categorical_accuracy</c>, <c>sparse_top_k_categorical_accuracy</c> (k = 5).
    /// </summary>
    /// <exception cref="ArgumentException">The name is not known; the message lists the known names.</exception>
    public static Metric FromName(string name) => name switch
    {
        "accuracy" or "acc" => new Accuracy(),
        "binary_accuracy" => new BinaryAccuracy(),
        "categorical_accuracy" => new CategoricalAccuracy(),
        "sparse_categorical_accuracy" => new SparseCategoricalAccuracy(),
        "top_k_categorical_accuracy" or "sparse_top_k_categorical_accuracy" => new TopKCategoricalAccuracy(5),
        _ => throw new ArgumentException(
            $"Unknown metric '{name}'. Known: accuracy, binary_accuracy, categorical_accuracy, sparse_categorical_accuracy, " +
            "top_k_categorical_accuracy, sparse_top_k_categorical_accuracy.", nameof(name)),
    };

    /// <summary>Checks that the spans hold the same number of examples and returns it.</summary>
    protected static int ExampleCount(ReadOnlySpan<float> outputs, int outputWidth, ReadOnlySpan<float> targets, int targetWidth)
    {
        if (outputWidth <= 0 || targetWidth <= 0) throw new ArgumentException($"Widths must be positive (outputs {outputWidth}, targets {targetWidth}).");
        var n = outputs.Length / outputWidth;
        if (outputs.Length != n * outputWidth || targets.Length != n * targetWidth)
        {
            throw new ArgumentException(
                $"Outputs ({outputs.Length} values of width {outputWidth}) and targets ({targets.Length} values of width {targetWidth}) do not describe the same number of examples.");
        }
        return n;
    }

    /// <summary>Index of the largest value (the first one on ties, as argmax does).</summary>
    protected static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var i = 1; i < row.Length; i++)
        {
            if (row[i] > row[best]) best = i;
        }
        return best;
    }

    /// <summary>The class a target row names: its index when width is 1, else its argmax (one-hot).</summary>
    protected static int TargetClass(ReadOnlySpan<float> targetRow) => targetRow.Length == 1 ? (int)targetRow[0] : ArgMax(targetRow);
}
