namespace ModelDsl.Torch.Nn;

/// <summary>Average pooling (torch.nn.AvgPool2d); the stride defaults to the kernel size.</summary>
public sealed class AvgPool2d(Size2d kernelSize, Size2d? stride = null, Size2d? padding = null, bool ceilMode = false, bool countIncludePad = true) : Module
{
    /// <summary>Window size.</summary>
    public Size2d KernelSize { get; } = kernelSize;

    /// <summary>Step between windows.</summary>
    public Size2d Stride { get; } = stride ?? kernelSize;

    /// <summary>Zero padding per side.</summary>
    public Size2d Padding { get; } = padding ?? 0;

    /// <summary>Whether partial windows at the end count.</summary>
    public bool CeilMode { get; } = ceilMode;

    /// <summary>Whether padded positions count in the divisor.</summary>
    public bool CountIncludePad { get; } = countIncludePad;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.AvgPool2d(input, KernelSize, Stride, Padding, CeilMode, CountIncludePad);
}
