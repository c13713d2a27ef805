using ModelDsl.Runtime.Kernels;
using ModelDsl.Spec.Shapes;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>
/// A convolution with prepared weights (BatchNorm folded in, channels-last when the plan runs that way) and its
/// activation applied in place to the fresh output; asymmetric Keras 'same' pads are applied first. A network's input
/// convolution followed by ReLU and a 2x2 max-pool runs as one kernel (<c>reluPoolAfter</c>).
/// </summary>
internal sealed class ConvStep : InferenceStep
{
    private readonly Tensor weight;
    private readonly Tensor? bias;
    private readonly long[] stride;
    private readonly long[] padding;
    private readonly long[] dilation;
    private readonly long groups;
    private readonly Pads? inputPads;
    private readonly Elementwise activation;
    private readonly bool inputKernel;
    private readonly bool reluPoolAfter;

    public ConvStep(int input, int output, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long groups,
        Pads? inputPads, Elementwise activation, bool inputKernel, bool reluPoolAfter = false)
        : base([input], output)
    {
        this.reluPoolAfter = reluPoolAfter;
        this.weight = weight;
        this.bias = bias;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        this.inputPads = inputPads;
        this.activation = activation;
        this.inputKernel = inputKernel;
    }

    public override Tensor Run(Tensor[] inputs, bool[] overwritable)
    {
        var x = inputs[0];
        Tensor y;
        if (inputPads is { } p)
        {
            using var padded = nn.functional.pad(x, (p.Left, p.Right, p.Top, p.Bottom));
            y = nn.functional.conv2d(padded, weight, bias, stride, padding, dilation, groups);
        }
        else if (inputKernel && reluPoolAfter)
        {
            // Falls back to the two kernels (and those to TorchSharp's operators) for inputs it does not cover.
            return Convolution.InputConv2dReluMaxPool2d(x, weight, bias, 2);
        }
        else if (inputKernel)
        {
            // The direct single-channel kernel (it falls back to conv2d itself for inputs it does not cover).
            y = Convolution.InputConv2d(x, weight, bias);
        }
        else
        {
            y = nn.functional.conv2d(x, weight, bias, stride, padding, dilation, groups);
        }
        return ElementwiseOps.ApplyOwned(activation, y);
    }

    public override void Dispose()
    {
        weight.Dispose();
        bias?.Dispose();
    }
}
