using ModelDsl.Torch;
using ModelDsl.Torch.Nn;

namespace ModelDsl.Training.Losses;

/// <summary>
/// What the categorical and sparse categorical cross-entropies share: the same maths (logits through
/// log-softmax, probabilities clipped like Keras); they differ only in the targets they accept.
/// </summary>
public abstract class CrossEntropyLoss : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether the model outputs logits; otherwise probabilities, clipped like Keras.</param>
    protected CrossEntropyLoss(bool fromLogits) => FromLogits = fromLogits;

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

    /// <summary>Throws <see cref="ArgumentException"/> naming both shapes when the targets do not suit this loss.</summary>
    protected abstract void CheckTargets(Tensor outputs, Tensor targets);
}
