using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Init;

/// <summary>
/// In-place initialisers (as <c>torch.nn.init</c>), run without autograd, each returning its tensor.
/// Fans follow PyTorch: for a weight [out, in, k...], fan_in = in·∏k and fan_out = out·∏k, which equals
/// Keras's for dense and ordinary convolution kernels.
/// </summary>
public static class Initializers
{
    private static volatile InitPolicy defaultPolicy = InitPolicy.Keras;

    /// <summary>The policy layers use when constructed without one (Keras's unless changed).</summary>
    public static InitPolicy DefaultPolicy
    {
        get => defaultPolicy;
        set => defaultPolicy = value;
    }

    /// <summary>fan_in and fan_out of a weight of at least two dimensions.</summary>
    public static (long FanIn, long FanOut) Fans(Tensor tensor)
    {
        var shape = tensor.Shape;
        if (shape.Length < 2)
        {
            throw new ArgumentException($"Fans need a weight of at least 2 dimensions, got [{string.Join(", ", shape)}].", nameof(tensor));
        }
        long receptive = 1;
        for (var i = 2; i < shape.Length; i++) receptive *= shape[i];
        return (shape[1] * receptive, shape[0] * receptive);
    }

    /// <summary>The recommended gain for <paramref name="nonlinearity"/> (torch.nn.init.calculate_gain).</summary>
    public static double Gain(Nonlinearity nonlinearity, double negativeSlope = 0.01) => nonlinearity switch
    {
        Nonlinearity.Relu => Math.Sqrt(2.0),
        Nonlinearity.LeakyRelu => Math.Sqrt(2.0 / (1 + negativeSlope * negativeSlope)),
        Nonlinearity.Tanh => 5.0 / 3,
        _ => 1.0,
    };

    /// <summary>Uniform in [low, high).</summary>
    public static Tensor Uniform_(Tensor tensor, double low = 0, double high = 1)
    {
        if (!(low <= high)) throw new ArgumentOutOfRangeException(nameof(low), $"Uniform bounds must satisfy low <= high, got [{low}, {high}].");
        NativeError.Check(NativeMethods.mdsl_init_uniform_(tensor.Ptr, low, high), "init.uniform_");
        return tensor;
    }

    /// <summary>Normal with the given mean and standard deviation.</summary>
    public static Tensor Normal_(Tensor tensor, double mean = 0, double std = 1)
    {
        if (!(std >= 0)) throw new ArgumentOutOfRangeException(nameof(std), $"Standard deviation must be non-negative, got {std}.");
        NativeError.Check(NativeMethods.mdsl_init_normal_(tensor.Ptr, mean, std), "init.normal_");
        return tensor;
    }

    /// <summary>Every element set to <paramref name="value"/>.</summary>
    public static Tensor Constant_(Tensor tensor, double value)
    {
        NativeError.Check(NativeMethods.mdsl_init_fill_(tensor.Ptr, value), "init.constant_");
        return tensor;
    }

    /// <summary>All zeros.</summary>
    public static Tensor Zeros_(Tensor tensor) => Constant_(tensor, 0);

    /// <summary>All ones.</summary>
    public static Tensor Ones_(Tensor tensor) => Constant_(tensor, 1);

    /// <summary>Glorot/Xavier uniform: U(±gain·√(6 / (fan_in + fan_out))), Keras's default kernel initialiser.</summary>
    public static Tensor XavierUniform_(Tensor tensor, double gain = 1)
    {
        var (fanIn, fanOut) = Fans(tensor);
        var bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform_(tensor, -bound, bound);
    }

    /// <summary>Glorot/Xavier normal: N(0, gain·√(2 / (fan_in + fan_out))) (PyTorch's untruncated form).</summary>
    public static Tensor XavierNormal_(Tensor tensor, double gain = 1)
    {
        var (fanIn, fanOut) = Fans(tensor);
        return Normal_(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)));
    }

    /// <summary>Keras's name for <see cref="XavierUniform_"/>.</summary>
    public static Tensor GlorotUniform_(Tensor tensor) => XavierUniform_(tensor);

    /// <summary>Keras's name for <see cref="XavierNormal_"/> (untruncated).</summary>
    public static Tensor GlorotNormal_(Tensor tensor) => XavierNormal_(tensor);

    /// <summary>He/Kaiming uniform: U(±gain·√(3 / fan)).</summary>
    /// <param name="tensor">The weight.</param>
    /// <param name="a">Negative slope of the following leaky ReLU (√5 gives PyTorch's layer default).</param>
    /// <param name="mode">Which fan to preserve.</param>
    /// <param name="nonlinearity">The following non-linearity.</param>
    public static Tensor KaimingUniform_(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        var bound = Gain(nonlinearity, a) * Math.Sqrt(3.0 / Fan(tensor, mode));
        return Uniform_(tensor, -bound, bound);
    }

    /// <summary>He/Kaiming normal: N(0, gain / √fan).</summary>
    public static Tensor KaimingNormal_(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu) =>
        Normal_(tensor, 0, Gain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode)));

    /// <summary>Keras's he_uniform: kaiming-uniform for ReLU on fan_in.</summary>
    public static Tensor HeUniform_(Tensor tensor) => KaimingUniform_(tensor, 0, FanMode.FanIn, Nonlinearity.Relu);

    /// <summary>Keras's he_normal (untruncated): kaiming-normal for ReLU on fan_in.</summary>
    public static Tensor HeNormal_(Tensor tensor) => KaimingNormal_(tensor, 0, FanMode.FanIn, Nonlinearity.Relu);

    /// <summary>Initialises a layer's kernel and optional bias following <paramref name="policy"/> (or <see cref="DefaultPolicy"/>).</summary>
    public static void InitLayer(Tensor weight, Tensor? bias, InitPolicy? policy = null)
    {
        if ((policy ?? DefaultPolicy) == InitPolicy.Keras)
        {
            XavierUniform_(weight);
            if (bias is not null) Zeros_(bias);
            return;
        }
        // torch.nn.Linear/Conv2d.reset_parameters.
        KaimingUniform_(weight, Math.Sqrt(5));
        if (bias is not null)
        {
            var fanIn = Fans(weight).FanIn;
            var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            Uniform_(bias, -bound, bound);
        }
    }

    private static long Fan(Tensor tensor, FanMode mode)
    {
        var (fanIn, fanOut) = Fans(tensor);
        var fan = mode == FanMode.FanIn ? fanIn : fanOut;
        if (fan <= 0) throw new ArgumentException($"Kaiming initialisation needs a non-empty fan, got shape [{string.Join(", ", tensor.Shape)}].", nameof(tensor));
        return fan;
    }
}
