using ModelDsl.Torch;
using ModelDsl.Torch.Nn;

namespace ModelDsl.Training.Losses;

/// <summary>Cross-entropy against one-hot (or soft) float targets [N, C] (Keras's <c>categorical_crossentropy</c>).</summary>
public sealed class CategoricalCrossEntropy : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether the model outputs logits; otherwise probabilities, clipped like Keras.</param>
    public CategoricalCrossEntropy(bool fromLogits = false) => FromLogits = fromLogits;

    /// <inheritdoc />
    public override string Name => "categorical_crossentropy";

    /// <inheritdoc />
    public override bool CanUseLogits => true;

    /// <inheritdoc />
    public override Tensor Compute(Tensor outputs, Tensor targets)
    {
        CheckTargets(outputs, targets);
        return FromLogits ? Functional.CrossEntropy(outputs, targets) : Functional.CrossEntropyOnProbabilities(outputs, targets);
    }

    /// <inheritdoc />
    public override Tensor ComputeOnLogits(Tensor logits, Tensor targets)
    {
        CheckTargets(logits, targets);
        return Functional.CrossEntropy(logits, targets);
    }

    private void CheckTargets(Tensor outputs, Tensor targets)
    {
        if (!targets.DType.IsFloatingPoint() || !targets.Shape.AsSpan().SequenceEqual(outputs.Shape))
        {
            throw new ArgumentException(
                $"{Name} expects one-hot float targets shaped like the outputs {Tensor.ShapeText(outputs.Shape)}, got {targets.DType} {Tensor.ShapeText(targets.Shape)}. " +
                "For class-index targets use sparse_categorical_crossentropy (or load the data with TargetEncoding.OneHot).", nameof(targets));
        }
    }
}
