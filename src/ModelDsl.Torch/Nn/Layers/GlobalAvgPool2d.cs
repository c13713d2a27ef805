namespace ModelDsl.Torch.Nn;

/// <summary>Mean over H and W, [N, C, H, W] to [N, C] (Keras's GlobalAveragePooling2D).</summary>
public sealed class GlobalAvgPool2d(bool keepDims = false) : Module
{
    /// <summary>Keep [N, C, 1, 1] instead of [N, C].</summary>
    public bool KeepDims { get; } = keepDims;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.GlobalAvgPool2d(input, KeepDims);
}
