using static TorchSharp.torch;

namespace ModelDsl.Training.Losses;

/// <summary>Cross-entropy against int64 class indices [N] (Keras's <c>sparse_categorical_crossentropy</c>).</summary>
public sealed class SparseCategoricalCrossEntropy : CrossEntropyLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether the model outputs logits; otherwise probabilities, clipped like Keras.</param>
    public SparseCategoricalCrossEntropy(bool fromLogits = false) : base(fromLogits) { }

    /// <inheritdoc />
    public override string Name => "sparse_categorical_crossentropy";

    /// <inheritdoc />
    protected override void CheckTargets(Tensor outputs, Tensor targets)
    {
        var shape = targets.shape;
        if (targets.dtype != ScalarType.Int64 || shape.Length != 1 || shape[0] != outputs.shape[0])
        {
            throw new ArgumentException(
                $"{Name} expects int64 class indices [{outputs.shape[0]}] for outputs {ShapeText(outputs)}, got {targets.dtype} {ShapeText(targets)}. " +
                "For one-hot targets use categorical_crossentropy (or load the data with TargetEncoding.ClassIndex).", nameof(targets));
        }
    }
}
