using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Nn;

public static partial class Functional
{
    /// <summary>max(x, 0).</summary>
    public static Tensor Relu(Tensor input) => Activation(input, ActivationKind.Relu, 0, 0, "relu");

    /// <summary>min(max(x, 0), 6), as MobileNet uses.</summary>
    public static Tensor Relu6(Tensor input) => Activation(input, ActivationKind.Relu6, 0, 0, "relu6");

    /// <summary>1 / (1 + e^-x).</summary>
    public static Tensor Sigmoid(Tensor input) => Activation(input, ActivationKind.Sigmoid, 0, 0, "sigmoid");

    /// <summary>Hyperbolic tangent.</summary>
    public static Tensor Tanh(Tensor input) => Activation(input, ActivationKind.Tanh, 0, 0, "tanh");

    /// <summary>Softmax along <paramref name="dim"/> (default: the last axis, the classes of [N, C]).</summary>
    public static Tensor Softmax(Tensor input, long dim = -1) => Activation(input, ActivationKind.Softmax, 0, dim, "softmax");

    /// <summary>log(softmax(x)) along <paramref name="dim"/>, computed stably.</summary>
    public static Tensor LogSoftmax(Tensor input, long dim = -1) => Activation(input, ActivationKind.LogSoftmax, 0, dim, "log_softmax");

    /// <summary>x for x &gt; 0, <paramref name="negativeSlope"/>·x otherwise (PyTorch's default slope 0.01; Keras's is 0.3).</summary>
    public static Tensor LeakyRelu(Tensor input, double negativeSlope = 0.01) => Activation(input, ActivationKind.LeakyRelu, negativeSlope, 0, "leaky_relu");

    /// <summary>x · sigmoid(x) (swish).</summary>
    public static Tensor Silu(Tensor input) => Activation(input, ActivationKind.Silu, 0, 0, "silu");

    /// <summary>Gaussian error linear unit (exact form).</summary>
    public static Tensor Gelu(Tensor input) => Activation(input, ActivationKind.Gelu, 0, 0, "gelu");

    /// <summary>x for x &gt; 0, alpha·(e^x − 1) otherwise.</summary>
    public static Tensor Elu(Tensor input, double alpha = 1.0) => Activation(input, ActivationKind.Elu, alpha, 0, "elu");

    /// <summary>log(1 + e^x).</summary>
    public static Tensor Softplus(Tensor input) => Activation(input, ActivationKind.Softplus, 0, 0, "softplus");

    private static Tensor Activation(Tensor input, ActivationKind kind, double arg, long dim, string op)
    {
        var result = new Tensor(NativeMethods.mdsl_nn_activation(input.Ptr, (int)kind, arg, dim), op);
        GC.KeepAlive(input);
        return result;
    }
}
