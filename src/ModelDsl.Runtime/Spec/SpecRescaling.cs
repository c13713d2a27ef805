using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

/// <summary>x * scale + offset (Keras's <c>Rescaling</c>), used when no factory supplies one.</summary>
internal sealed class SpecRescaling(double scale, double offset) : nn.Module<Tensor, Tensor>("Rescaling")
{
    public double Scale { get; } = scale;

    public double Offset { get; } = offset;

    public override Tensor forward(Tensor input)
    {
        if (Offset == 0) return input.mul(Scale);
        using var scaled = input.mul(Scale);
        return scaled.add(Offset);
    }
}
