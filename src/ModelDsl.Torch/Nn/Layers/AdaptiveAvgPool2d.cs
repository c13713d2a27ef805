namespace ModelDsl.Torch.Nn;

/// <summary>Average pooling to a fixed output size (torch.nn.AdaptiveAvgPool2d, e.g. VGG's 7×7 and ResNet's 1×1).</summary>
public sealed class AdaptiveAvgPool2d(Size2d outputSize) : Module
{
    /// <summary>Output (height, width).</summary>
    public Size2d OutputSize { get; } = outputSize;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.AdaptiveAvgPool2d(input, OutputSize);
}
