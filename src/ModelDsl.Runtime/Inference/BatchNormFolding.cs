using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>
/// BatchNorm's eval-mode map <c>y = (x - mean) / sqrt(var + eps) * gamma + beta</c> as a per-channel
/// <c>scale</c> and <c>shift</c>, and folded into the weights of the layer before it. Computed in float64 and
/// rounded once, so the folded layer differs from conv-then-BatchNorm by float32 rounding only.
/// </summary>
internal static class BatchNormFolding
{
    /// <summary>The per-channel (scale, shift) in float64.</summary>
    /// <exception cref="NotSupportedException">The BatchNorm keeps no running statistics.</exception>
    public static (Tensor Scale, Tensor Shift) Affine(BatchNorm bn)
    {
        if (bn.running_mean is not { } mean || bn.running_var is not { } variance)
        {
            throw new NotSupportedException("a BatchNorm without running statistics normalises with batch statistics even in eval mode, so it cannot be prepared for inference");
        }
        var scale = (variance.to(ScalarType.Float64) + bn.eps).rsqrt_();
        if (bn.weight is { } gamma) scale.mul_(gamma.detach().to(ScalarType.Float64));
        var shift = mean.to(ScalarType.Float64).mul(scale).neg_();
        if (bn.bias is { } beta) shift.add_(beta.detach().to(ScalarType.Float64));
        return (scale, shift);
    }

    /// <summary>
    /// The weight and bias of <c>bn(layer(x))</c> for a layer whose output channels are the weight's first axis
    /// (convolutions of any groups, dense layers): <c>W' = W * scale</c> per output channel, <c>b' = b * scale + shift</c>.
    /// </summary>
    public static (Tensor Weight, Tensor Bias) Fold(Tensor weight, Tensor? bias, BatchNorm bn)
    {
        var (scale, shift) = Affine(bn);
        var view = new long[weight.dim()];
        Array.Fill(view, 1L);
        view[0] = -1;
        var folded = weight.detach().to(ScalarType.Float64).mul(scale.view(view)).to(weight.dtype);
        var b = bias is null ? shift : bias.detach().to(ScalarType.Float64).mul(scale).add_(shift);
        return (folded, b.to(weight.dtype));
    }
}
