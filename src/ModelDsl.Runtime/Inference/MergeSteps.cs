using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>Element-wise sum of same-shaped inputs (residual connections), accumulated into an input the plan may overwrite.</summary>
internal sealed class AddStep(int[] inputs, int output, Elementwise activation) : InferenceStep(inputs, output)
{
    public override Tensor Run(Tensor[] inputs, bool[] overwritable)
    {
        var target = Array.IndexOf(overwritable, true);
        Tensor y;
        if (target >= 0)
        {
            y = inputs[target];
            for (var k = 0; k < inputs.Length; k++)
            {
                if (k != target) y.add_(inputs[k]);
            }
        }
        else
        {
            y = inputs[0].add(inputs[1]);
            for (var k = 2; k < inputs.Length; k++) y.add_(inputs[k]);
        }
        return ElementwiseOps.ApplyOwned(activation, y);
    }
}

/// <summary>Element-wise product with broadcasting (a squeeze-excitation gate [N, C, 1, 1] times [N, C, H, W]).</summary>
internal sealed class MultiplyStep(int[] inputs, int output, Elementwise activation) : InferenceStep(inputs, output)
{
    public override Tensor Run(Tensor[] inputs, bool[] overwritable)
    {
        var y = inputs[0].mul(inputs[1]);
        for (var k = 2; k < inputs.Length; k++) y.mul_(inputs[k]);
        return ElementwiseOps.ApplyOwned(activation, y);
    }
}

/// <summary>Concatenation along an axis of the NCHW view (the axis is the spec's, counted with the batch axis).</summary>
internal sealed class ConcatStep(int[] inputs, int output, long axis, Elementwise activation) : InferenceStep(inputs, output)
{
    public override Tensor Run(Tensor[] inputs, bool[] overwritable) => ElementwiseOps.ApplyOwned(activation, cat(inputs, axis));
}
