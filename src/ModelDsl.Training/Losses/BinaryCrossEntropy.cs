using ModelDsl.Torch;
using ModelDsl.Torch.Nn;

namespace ModelDsl.Training.Losses;

/// <summary>Binary cross-entropy of 0/1 float targets shaped like the outputs (Keras's <c>binary_crossentropy</c>).</summary>
public sealed class BinaryCrossEntropy : Loss
{
    /// <summary>Creates the loss.</summary>
    /// <param name="fromLogits">Whether the model outputs logits (then the stable fused form is used).</param>
    public BinaryCrossEntropy(bool fromLogits = false) => FromLogits = fromLogits;

    /// <inheritdoc />
    public override string Name => "binary_crossentropy";

    /// <inheritdoc />
    public override Tensor Compute(Tensor outputs, Tensor targets)
    {
        if (!targets.DType.IsFloatingPoint() || !targets.Shape.AsSpan().SequenceEqual(outputs.Shape))
        {
            throw new ArgumentException(
                $"{Name} expects float 0/1 targets shaped like the outputs {Tensor.ShapeText(outputs.Shape)}, got {targets.DType} {Tensor.ShapeText(targets.Shape)}.",
                nameof(targets));
        }
        return FromLogits ? Functional.BinaryCrossEntropyWithLogits(outputs, targets) : Functional.BinaryCrossEntropy(outputs, targets);
    }
}
