namespace ModelDsl.Torch.Nn;

/// <summary>log(softmax(x)) along <see cref="Dim"/> (torch.nn.LogSoftmax), stable; pairs with NLL loss.</summary>
public sealed class LogSoftmax(long dim = -1) : Module
{
    /// <summary>The axis normalised.</summary>
    public long Dim { get; } = dim;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.LogSoftmax(input, Dim);
}
