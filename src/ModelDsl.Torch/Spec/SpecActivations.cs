using ModelDsl.Spec.Shapes;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Spec;

/// <summary>Applies the spec's activation kinds; softmax is over dim 1 (channels or classes in NCHW / [N, F]).</summary>
internal static class SpecActivations
{
    public static Tensor Apply(ActivationKind kind, Tensor x) => kind switch
    {
        ActivationKind.Linear => x,
        ActivationKind.Relu => F.Relu(x),
        ActivationKind.Relu6 => F.Relu6(x),
        ActivationKind.Sigmoid => F.Sigmoid(x),
        ActivationKind.Tanh => F.Tanh(x),
        ActivationKind.Softmax => F.Softmax(x, 1),
        _ => throw new NotSupportedException($"Activation '{kind}' has no runtime implementation."),
    };
}

/// <summary>A standalone activation layer (Keras's <c>Activation</c>/<c>ReLU</c>, torch's <c>nn.ReLU</c>).</summary>
internal sealed class SpecActivation(ActivationKind kind) : Nn.Module
{
    public ActivationKind Kind { get; } = kind;

    public override Tensor Forward(Tensor input) => SpecActivations.Apply(Kind, input);
}
