using ModelDsl.Spec.Shapes;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

/// <summary>The spec's activation kinds as TorchSharp functions and modules; softmax is over dim 1 (channels or classes in NCHW / [N, F]).</summary>
internal static class SpecActivations
{
    /// <summary>Applies a layer's fused activation (Keras's <c>activation=</c> argument).</summary>
    public static Tensor Apply(ActivationKind kind, Tensor x) => kind switch
    {
        ActivationKind.Linear => x.alias(),
        ActivationKind.Relu => nn.functional.relu(x),
        ActivationKind.Relu6 => nn.functional.relu6(x),
        ActivationKind.Sigmoid => nn.functional.sigmoid(x),
        ActivationKind.Tanh => nn.functional.tanh(x),
        ActivationKind.Softmax => nn.functional.softmax(x, 1),
        _ => throw new NotSupportedException($"Activation '{kind}' has no runtime implementation."),
    };

    /// <summary>A standalone activation layer (Keras's <c>Activation</c>/<c>ReLU</c>) as TorchSharp's module.</summary>
    public static nn.Module<Tensor, Tensor> Module(ActivationKind kind) => kind switch
    {
        ActivationKind.Linear => nn.Identity(),
        ActivationKind.Relu => nn.ReLU(),
        ActivationKind.Relu6 => nn.ReLU6(),
        ActivationKind.Sigmoid => nn.Sigmoid(),
        ActivationKind.Tanh => nn.Tanh(),
        ActivationKind.Softmax => nn.Softmax(1),
        _ => throw new NotSupportedException($"Activation '{kind}' has no runtime implementation."),
    };
}
