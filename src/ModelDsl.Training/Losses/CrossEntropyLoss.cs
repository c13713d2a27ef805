using static TorchSharp.torch;

namespace ModelDsl.Training.Losses;

/// <summary>
/// What the categorical and sparse categorical cross-entropies share: logits go through TorchSharp's
/// <c>cross_entropy</c>; probabilities are rescaled to sum to one and clipped to [1e-7, 1 − 1e-7] like
/// Keras before the log. They differ only in the targets they accept.
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
        return FromLogits ? nn.functional.cross_entropy(outputs, targets) : OnProbabilities(outputs, targets);
    }

    /// <inheritdoc />
    public override Tensor ComputeOnLogits(Tensor logits, Tensor targets)
    {
        CheckTargets(logits, targets);
        return nn.functional.cross_entropy(logits, targets);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming both shapes when the targets do not suit this loss.</summary>
    /// <param name="outputs">The model outputs.</param>
    /// <param name="targets">The targets of the batch.</param>
    protected abstract void CheckTargets(Tensor outputs, Tensor targets);

    private static Tensor OnProbabilities(Tensor probabilities, Tensor targets)
    {
        // Keras's categorical_crossentropy(from_logits=False): a saturated softmax still gives a finite loss.
        var logP = (probabilities / probabilities.sum(1, keepdim: true))
            .clamp(Optimizers.KerasEpsilon, 1 - Optimizers.KerasEpsilon).log();
        return targets.is_floating_point() ? -(targets * logP).sum(1).mean() : nn.functional.nll_loss(logP, targets);
    }
}
