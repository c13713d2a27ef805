using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>
/// A BatchNorm that could not be folded into a preceding layer, as its eval-mode affine map precomputed:
/// <c>x * scale + shift</c> per channel (in place when the input is the plan's to overwrite), then its activation.
/// </summary>
internal sealed class ChannelAffineStep : InferenceStep
{
    private readonly Tensor scale;
    private readonly Tensor shift;
    private readonly Elementwise activation;

    // scale and shift are shaped to broadcast over the channel axis: (1, C, 1, 1) or (1, C).
    public ChannelAffineStep(int input, int output, Tensor scale, Tensor shift, Elementwise activation)
        : base([input], output)
    {
        this.scale = scale;
        this.shift = shift;
        this.activation = activation;
    }

    public override Tensor Run(Tensor[] inputs, bool[] overwritable)
    {
        var x = inputs[0];
        var y = overwritable[0] ? x.mul_(scale).add_(shift) : addcmul(shift, x, scale, 1);
        return ElementwiseOps.ApplyOwned(activation, y);
    }

    public override void Dispose()
    {
        scale.Dispose();
        shift.Dispose();
    }
}
