namespace ModelDsl.Torch.Nn;

/// <summary>Softmax along <see cref="Dim"/> (torch.nn.Softmax; default the last axis, the classes).</summary>
public sealed class Softmax(long dim = -1) : Module
{
    /// <summary>The axis normalised.</summary>
    public long Dim { get; } = dim;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Softmax(input, Dim);
}
