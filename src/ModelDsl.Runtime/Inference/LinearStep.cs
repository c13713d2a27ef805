using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>A dense layer with prepared weights (a following BatchNorm1d folded in) and its activation applied in place.</summary>
internal sealed class LinearStep : InferenceStep
{
    private readonly Tensor weight;
    private readonly Tensor? bias;
    private readonly Elementwise activation;

    public LinearStep(int input, int output, Tensor weight, Tensor? bias, Elementwise activation)
        : base([input], output)
    {
        this.weight = weight;
        this.bias = bias;
        this.activation = activation;
    }

    public override Tensor Run(Tensor[] inputs, bool[] overwritable) =>
        ElementwiseOps.ApplyOwned(activation, nn.functional.linear(inputs[0], weight, bias));

    public override void Dispose()
    {
        weight.Dispose();
        bias?.Dispose();
    }
}
