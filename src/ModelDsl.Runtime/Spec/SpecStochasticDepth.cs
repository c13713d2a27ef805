using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

/// <summary>
/// torchvision's <c>ops.StochasticDepth</c> (which TorchSharp's core lacks): in training, drops the residual
/// branch per sample (<c>row</c>) or for the whole batch (<c>batch</c>) with probability p and scales the kept
/// ones by 1/(1-p); identity at inference.
/// </summary>
internal sealed class SpecStochasticDepth(double probability, string mode) : nn.Module<Tensor, Tensor>("StochasticDepth")
{
    public double Probability { get; } = probability;

    public bool PerSample { get; } = mode != "batch";

    public override Tensor forward(Tensor input)
    {
        if (!training || Probability == 0) return input.alias();
        using var scope = NewDisposeScope();
        long[] shape = PerSample ? [input.shape[0], .. Enumerable.Repeat(1L, input.shape.Length - 1)] : [.. Enumerable.Repeat(1L, input.shape.Length)];
        var keep = 1 - Probability;
        var mask = empty(shape, input.dtype, input.device).bernoulli_(keep);
        if (keep > 0) mask.div_(keep);
        return input.mul(mask).MoveToOuterDisposeScope();
    }
}
