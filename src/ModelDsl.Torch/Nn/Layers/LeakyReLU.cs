namespace ModelDsl.Torch.Nn;

/// <summary>Leaky ReLU (torch.nn.LeakyReLU; PyTorch's default slope 0.01, Keras's 0.3).</summary>
public sealed class LeakyReLU(double negativeSlope = 0.01) : Module
{
    /// <summary>Slope for negative inputs.</summary>
    public double NegativeSlope { get; } = negativeSlope;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.LeakyRelu(input, NegativeSlope);
}
