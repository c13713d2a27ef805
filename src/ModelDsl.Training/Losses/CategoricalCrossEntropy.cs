using static TorchSharp.torch;

namespace ModelDsl.Training.Losses;

/// <summary>Cross-entropy against one-hot (or soft) float targets [N, C] (Keras's <c>categorical_crossentropy</c>).</summary>
public sealed class CategoricalCrossEntropy : CrossEntropyLoss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether the model outputs logits; otherwise probabilities, clipped like Keras.</param>
    public CategoricalCrossEntropy(bool fromLogits = false) : base(fromLogits) { }

    /// <inheritdoc />
    public override string Name => "categorical_crossentropy";

    /// <inheritdoc />
    protected override void CheckTargets(Tensor outputs, Tensor targets)
    {
        if (!targets.is_floating_point() || !SameShape(outputs, targets))
        {
            throw new ArgumentException(
                $"{Name} expects one-hot float targets shaped like the outputs {ShapeText(outputs)}, got {targets.dtype} {ShapeText(targets)}. " +
                "For class-index targets use sparse_categorical_crossentropy (or load the data with TargetEncoding.OneHot).", nameof(targets));
        }
    }
}
