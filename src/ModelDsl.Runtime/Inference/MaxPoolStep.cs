using ModelDsl.Runtime.Kernels;
using ModelDsl.Spec.Shapes;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>
/// Max pooling without int64 indices (libtorch's values-only operator); asymmetric pads (-inf) applied first. When the
/// ReLU before it is merged in (<c>reluFirst</c>, 2x2 windows with stride 2), ModelDsl's fused kernel does both in one
/// read of the input.
/// </summary>
internal sealed class MaxPoolStep : InferenceStep
{
    private readonly long[] kernel;
    private readonly long[] stride;
    private readonly long[] padding;
    private readonly long[] dilation;
    private readonly bool ceilMode;
    private readonly Pads? inputPads;
    private readonly bool reluFirst;

    public MaxPoolStep(int input, int output, long[] kernel, long[] stride, long[] padding, long[] dilation, bool ceilMode, Pads? inputPads, bool reluFirst = false)
        : base([input], output)
    {
        this.reluFirst = reluFirst;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
        this.inputPads = inputPads;
    }

    public override Tensor Run(Tensor[] inputs, bool[] overwritable)
    {
        if (reluFirst) return Pooling.ReluMaxPool2d(inputs[0], kernel[0], stride[0]);
        if (inputPads is not { } p) return nn.functional.max_pool2d(inputs[0], kernel, stride, padding, dilation, ceilMode);
        using var padded = nn.functional.pad(inputs[0], (p.Left, p.Right, p.Top, p.Bottom), TorchSharp.PaddingModes.Constant, double.NegativeInfinity);
        return nn.functional.max_pool2d(padded, kernel, stride, padding, dilation, ceilMode);
    }
}
