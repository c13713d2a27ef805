using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Vision.Layers;

/// <summary>Keras's <c>Rescaling</c>: y = x * scale + offset, in training and evaluation alike.</summary>
/// <remarks>TorchSharp has no such layer; this one is a plain module with no parameters.</remarks>
public sealed class Rescaling : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the layer (e.g. scale 1/255 maps 0..255 pixels to 0..1; scale 1/127.5, offset -1 to -1..1).</summary>
    public Rescaling(double scale, double offset = 0)
        : base(nameof(Rescaling))
    {
        if (!double.IsFinite(scale) || !double.IsFinite(offset))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), $"Rescaling needs finite scale and offset, got {scale} and {offset}.");
        }
        Scale = scale;
        Offset = offset;
    }

    /// <summary>The multiplier.</summary>
    public double Scale { get; }

    /// <summary>Added after scaling.</summary>
    public double Offset { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Plain tensor ops, so the layer also works mid-network with autograd.
        if (Offset == 0) return input * Scale;
        using var scaled = input * Scale;
        return scaled + Offset;
    }
}
