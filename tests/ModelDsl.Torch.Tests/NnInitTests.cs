using ModelDsl.Torch.Init;
using ModelDsl.Torch.Nn;

namespace ModelDsl.Torch.Tests;

/// <summary>Initialisers: bounds and spreads follow the published formulas (checked on large tensors, 5% slack on std).</summary>
public class NnInitTests
{
    private static (double Min, double Max, double Std) Stats(Tensor t)
    {
        var v = t.ToArray<float>();
        var mean = v.Average(x => (double)x);
        return (v.Min(), v.Max(), Math.Sqrt(v.Average(x => (x - mean) * (x - mean))));
    }

    [Fact]
    public void FansFollowPyTorchForConvAndLinearWeights()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal((27L, 288L), Initializers.Fans(Tensor.Zeros(32, 3, 3, 3)));
        Assert.Equal((576L, 64L), Initializers.Fans(Tensor.Zeros(64, 576)));
    }

    [Fact]
    public void GlorotUniformStaysWithinItsBound()
    {
        using var scope = DisposeScope.Begin();
        var w = Initializers.XavierUniform_(Tensor.Zeros(256, 512));
        var bound = Math.Sqrt(6.0 / (256 + 512));
        var (min, max, std) = Stats(w);
        Assert.InRange(min, -bound, -bound * 0.99);
        Assert.InRange(max, bound * 0.99, bound);
        Assert.Equal(bound / Math.Sqrt(3), std, bound * 0.02);
    }

    [Fact]
    public void KaimingNormalHasGainOverRootFan()
    {
        using var scope = DisposeScope.Begin();
        var w = Initializers.KaimingNormal_(Tensor.Zeros(128, 64, 3, 3), nonlinearity: Nonlinearity.Relu);
        Assert.Equal(Math.Sqrt(2.0 / (64 * 9)), Stats(w).Std, Math.Sqrt(2.0 / (64 * 9)) * 0.05);
        var fanOut = Initializers.KaimingNormal_(Tensor.Zeros(128, 64, 3, 3), mode: FanMode.FanOut, nonlinearity: Nonlinearity.Relu);
        Assert.Equal(Math.Sqrt(2.0 / (128 * 9)), Stats(fanOut).Std, Math.Sqrt(2.0 / (128 * 9)) * 0.05);
    }

    [Fact]
    public void LayersDefaultToKerasAndCanUsePyTorchDefaults()
    {
        using var keras = new Linear(400, 300);
        var glorot = Math.Sqrt(6.0 / 700);
        Assert.InRange(Stats(keras.Weight).Max, glorot * 0.98, glorot);
        Assert.All(keras.Bias!.ToArray<float>(), b => Assert.Equal(0f, b));

        using var torch = new Linear(400, 300, init: InitPolicy.PyTorch);
        // kaiming_uniform(a = √5) gives bound 1/√fan_in, and the bias shares it.
        var bound = 1 / Math.Sqrt(400);
        Assert.InRange(Stats(torch.Weight).Max, bound * 0.98, bound);
        Assert.InRange(Stats(torch.Bias!).Max, bound * 0.5, bound);
        Assert.Contains(torch.Bias!.ToArray<float>(), b => b != 0);
    }

    [Fact]
    public void ConstantsFillAndKerasIsTheDefaultPolicy()
    {
        using var scope = DisposeScope.Begin();
        Assert.All(Initializers.Ones_(Tensor.Zeros(3)).ToArray<float>(), v => Assert.Equal(1f, v));
        Assert.All(Initializers.Constant_(Tensor.Zeros(3), 2.5).ToArray<float>(), v => Assert.Equal(2.5f, v));
        // The global default is not flipped here: tests of other classes build layers in parallel.
        Assert.Equal(InitPolicy.Keras, Initializers.DefaultPolicy);
    }
}
