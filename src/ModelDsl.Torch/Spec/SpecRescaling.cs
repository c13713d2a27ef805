namespace ModelDsl.Torch.Spec;

/// <summary>x * scale + offset (Keras's <c>Rescaling</c>), used when no factory supplies one.</summary>
internal sealed class SpecRescaling(double scale, double offset) : Nn.Module
{
    public double Scale { get; } = scale;

    public double Offset { get; } = offset;

    public override Tensor Forward(Tensor input)
    {
        var scaled = input * Scale;
        if (Offset == 0) return scaled;
        var shifted = scaled + Offset;
        scaled.Dispose();
        return shifted;
    }
}
