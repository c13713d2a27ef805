namespace ModelDsl.Torch.Nn;

/// <summary>Logistic sigmoid (torch.nn.Sigmoid).</summary>
public sealed class Sigmoid : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Sigmoid(input);
}
