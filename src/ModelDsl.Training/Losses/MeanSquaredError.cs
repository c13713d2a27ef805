using ModelDsl.Torch;
using ModelDsl.Torch.Nn;

namespace ModelDsl.Training.Losses;

/// <summary>Mean squared error against float targets shaped like the outputs (Keras's <c>mse</c>).</summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc />
    public override string Name => "mse";

    /// <inheritdoc />
    public override Tensor Compute(Tensor outputs, Tensor targets)
    {
        if (!targets.DType.IsFloatingPoint() || !targets.Shape.AsSpan().SequenceEqual(outputs.Shape))
        {
            throw new ArgumentException(
                $"{Name} expects float targets shaped like the outputs {Tensor.ShapeText(outputs.Shape)}, got {targets.DType} {Tensor.ShapeText(targets.Shape)}.",
                nameof(targets));
        }
        return Functional.MseLoss(outputs, targets);
    }
}
