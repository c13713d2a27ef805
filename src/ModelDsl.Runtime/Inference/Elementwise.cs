using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>The element-wise activations an inference step applies to its own fresh output, in place where libtorch can.</summary>
internal enum Elementwise
{
    None,
    Relu,
    Relu6,
    Sigmoid,
    Tanh,
    Silu,
    Hardswish,
    Hardsigmoid,
    Gelu,
    Softmax,
}

internal static class ElementwiseOps
{
    /// <summary>The activation a spec layer applies, or null when the layer is not a pure activation.</summary>
    public static Elementwise? OfLayer(LayerSpec layer) => layer switch
    {
        ActivationLayer a => Of(a.Activation),
        SiluLayer => Elementwise.Silu,
        HardswishLayer => Elementwise.Hardswish,
        HardsigmoidLayer => Elementwise.Hardsigmoid,
        GeluLayer => Elementwise.Gelu,
        _ => null,
    };

    public static Elementwise Of(ActivationKind kind) => kind switch
    {
        ActivationKind.Linear => Elementwise.None,
        ActivationKind.Relu => Elementwise.Relu,
        ActivationKind.Relu6 => Elementwise.Relu6,
        ActivationKind.Sigmoid => Elementwise.Sigmoid,
        ActivationKind.Tanh => Elementwise.Tanh,
        ActivationKind.Softmax => Elementwise.Softmax,
        _ => throw new NotSupportedException($"Activation '{kind}' has no inference implementation."),
    };

    /// <summary>Whether the activation can be merged into the step that produces its input (softmax stays separate: the logits are its input).</summary>
    public static bool IsFusable(Elementwise kind) => kind is not (Elementwise.None or Elementwise.Softmax);

    /// <summary>
    /// Applies <paramref name="kind"/> to <paramref name="x"/>. When <paramref name="overwrite"/> is true the result may be
    /// <paramref name="x"/> itself, updated in place (no allocation); otherwise <paramref name="x"/> is left as it was.
    /// </summary>
    public static Tensor Apply(Elementwise kind, Tensor x, bool overwrite)
    {
        if (overwrite)
        {
            switch (kind)
            {
                case Elementwise.None: return x;
                case Elementwise.Relu: return x.relu_();
                case Elementwise.Relu6: return x.hardtanh_(0, 6);
                case Elementwise.Sigmoid: return x.sigmoid_();
                case Elementwise.Tanh: return x.tanh_();
                case Elementwise.Silu: return x.silu_();
                case Elementwise.Hardswish: return x.hardswish_();
                case Elementwise.Hardsigmoid: return x.hardsigmoid_();
            }
        }
        return kind switch
        {
            Elementwise.None => x.alias(),
            Elementwise.Relu => nn.functional.relu(x),
            Elementwise.Relu6 => nn.functional.relu6(x),
            Elementwise.Sigmoid => x.sigmoid(),
            Elementwise.Tanh => x.tanh(),
            Elementwise.Silu => nn.functional.silu(x),
            Elementwise.Hardswish => nn.functional.hardswish(x),
            Elementwise.Hardsigmoid => nn.functional.hardsigmoid(x),
            Elementwise.Gelu => nn.functional.gelu(x),
            Elementwise.Softmax => nn.functional.softmax(x, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    /// <summary>Applies <paramref name="kind"/> to a tensor the caller owns and no longer needs: in place, or into a new tensor with the old one released.</summary>
    public static Tensor ApplyOwned(Elementwise kind, Tensor x)
    {
        var y = Apply(kind, x, overwrite: true);
        if (!ReferenceEquals(y, x)) x.Dispose();
        return y;
    }
}
