namespace ModelDsl.Torch.Nn;

/// <summary>min(max(x, 0), 6) (torch.nn.ReLU6, MobileNet's activation).</summary>
public sealed class ReLU6 : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Relu6(input);
}
