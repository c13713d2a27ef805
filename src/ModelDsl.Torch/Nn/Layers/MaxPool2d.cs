namespace ModelDsl.Torch.Nn;

/// <summary>Max pooling (torch.nn.MaxPool2d); the stride defaults to the kernel size.</summary>
public sealed class MaxPool2d(Size2d kernelSize, Size2d? stride = null, Size2d? padding = null, Size2d? dilation = null, bool ceilMode = false) : Module
{
    /// <summary>Window size.</summary>
    public Size2d KernelSize { get; } = kernelSize;

    /// <summary>Step between windows.</summary>
    public Size2d Stride { get; } = stride ?? kernelSize;

    /// <summary>Implicit -inf padding per side.</summary>
    public Size2d Padding { get; } = padding ?? 0;

    /// <summary>Spacing of window taps.</summary>
    public Size2d Dilation { get; } = dilation ?? 1;

    /// <summary>Whether partial windows at the end count.</summary>
    public bool CeilMode { get; } = ceilMode;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.MaxPool2d(input, KernelSize, Stride, Padding, Dilation, CeilMode);

    /// <summary><c>Forward(Relu(input))</c> in one pass (see <see cref="Functional.ReluMaxPool2d"/>).</summary>
    /// <param name="input">The batch before its ReLU.</param>
    public Tensor ForwardRelu(Tensor input) => Functional.ReluMaxPool2d(input, KernelSize, Stride, Padding, Dilation, CeilMode);
}
