namespace ModelDsl.Torch.Nn;

/// <summary>Hyperbolic tangent (torch.nn.Tanh).</summary>
public sealed class Tanh : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Tanh(input);
}
