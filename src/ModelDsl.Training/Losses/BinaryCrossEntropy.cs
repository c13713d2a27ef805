using static TorchSharp.torch;

namespace ModelDsl.Training.Losses;

/// <summary>
/// Binary cross-entropy of 0/1 float targets shaped like the outputs (Keras's <c>binary_crossentropy</c>):
/// probabilities are clipped to [1e-7, 1 − 1e-7] as Keras does, so a saturated sigmoid keeps a finite loss.
/// </summary>
public sealed class BinaryCrossEntropy : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether the model outputs logits (then TorchSharp's stable fused form is used).</param>
    public BinaryCrossEntropy(bool fromLogits = false) => FromLogits = fromLogits;

    /// <inheritdoc />
    public override string Name => "binary_crossentropy";

    /// <inheritdoc />
    public override Tensor Compute(Tensor outputs, Tensor targets)
    {
        if (!targets.is_floating_point() || !SameShape(outputs, targets))
        {
            throw new ArgumentException(
                $"{Name} expects float 0/1 targets shaped like the outputs {ShapeText(outputs)}, got {targets.dtype} {ShapeText(targets)}.",
                nameof(targets));
        }
        return FromLogits
            ? nn.functional.binary_cross_entropy_with_logits(outputs, targets)
            : nn.functional.binary_cross_entropy(outputs.clamp(Optimizers.KerasEpsilon, 1 - Optimizers.KerasEpsilon), targets);
    }
}
