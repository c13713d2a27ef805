using static TorchSharp.torch;

namespace ModelDsl.Training.Losses;

/// <summary>A loss delegated to a TorchSharp function (see <see cref="Loss.From"/>).</summary>
internal sealed class FunctionLoss : Loss
{
    private readonly Func<Tensor, Tensor, Tensor> compute;
    private readonly bool sameShapeTargets;

    public FunctionLoss(string name, Func<Tensor, Tensor, Tensor> compute, bool sameShapeTargets)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(compute);
        Name = name;
        this.compute = compute;
        this.sameShapeTargets = sameShapeTargets;
    }

    public override string Name { get; }

    public override Tensor Compute(Tensor outputs, Tensor targets)
    {
        if (sameShapeTargets && (!targets.is_floating_point() || !SameShape(outputs, targets)))
        {
            throw new ArgumentException(
                $"{Name} expects float targets shaped like the outputs {ShapeText(outputs)}, got {targets.dtype} {ShapeText(targets)}.",
                nameof(targets));
        }
        return compute(outputs, targets);
    }
}
