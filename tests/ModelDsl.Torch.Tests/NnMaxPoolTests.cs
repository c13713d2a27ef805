using ModelDsl.Torch.Nn;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>
/// Our max-pool kernel and its fused ReLU form against PyTorch 1.13 (fixtures/Nn/max_pool.json: input on a
/// 0.5 grid, so ties and all-negative windows occur; made by make_fixtures.py's max_pool_fixtures).
/// </summary>
public class NnMaxPoolTests
{
    private readonly NnFixture fx = NnFixture.Load("max_pool");

    public static TheoryData<string, int, int, int, int, int, int, int, int, bool> Cases => new()
    {
        // name, kernel h/w, stride h/w, padding h/w, dilation, ceil
        { "k2", 2, 2, 2, 2, 0, 0, 1, 1, false },
        { "k2_s1", 2, 2, 1, 1, 0, 0, 1, 1, false },
        { "k3_s2_ceil", 3, 3, 2, 2, 0, 0, 1, 1, true },
        { "k3_s2_p1", 3, 3, 2, 2, 1, 1, 1, 1, false },
        { "k3_s1_d2", 3, 3, 1, 1, 0, 0, 2, 2, false },
        { "k2x3_s1x2_p1", 2, 3, 1, 2, 1, 1, 1, 1, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValuesAndGradientsMatchPyTorch(string name, int kh, int kw, int sh, int sw, int ph, int pw, int dilation, int _, bool ceil)
    {
        foreach (var fused in new[] { false, true })
        {
            using var scope = DisposeScope.Begin();
            var key = (fused ? "relu_" : "") + name;
            var x = fx.Tensor("x", requiresGrad: true);
            var y = fused
                ? F.ReluMaxPool2d(x, (kh, kw), (sh, sw), (ph, pw), dilation, ceil)
                : F.MaxPool2d(x, (kh, kw), (sh, sw), (ph, pw), dilation, ceil);
            fx.AssertClose(key, y, atol: 0, rtol: 0);
            y.Backward(fx.Tensor(key + ".upstream"));
            fx.AssertClose(key + ".grad.x", x.Grad, atol: 1e-6, rtol: 1e-6);

            using (NoGradScope.Begin())
            {
                fx.AssertClose(key, fused ? F.ReluMaxPool2d(x, (kh, kw), (sh, sw), (ph, pw), dilation, ceil) : F.MaxPool2d(x, (kh, kw), (sh, sw), (ph, pw), dilation, ceil), atol: 0, rtol: 0);
            }
        }
    }

    [Fact]
    public void FusedReluEqualsReluThenPoolThroughTheModule()
    {
        using var scope = DisposeScope.Begin();
        using var pool = new MaxPool2d(2);
        var a = fx.Tensor("x", requiresGrad: true);
        var b = fx.Tensor("x", requiresGrad: true);
        var up = fx.Tensor("relu_k2.upstream");
        var fused = pool.ForwardRelu(a);
        var separate = pool.Forward(F.Relu(b));
        Assert.Equal(separate.ToArray<float>(), fused.ToArray<float>());
        fused.Backward(up);
        separate.Backward(up);
        Assert.Equal(b.Grad!.ToArray<float>(), a.Grad!.ToArray<float>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ChannelsLastInputMatchesPyTorchAndStaysChannelsLast(bool fused)
    {
        using var scope = DisposeScope.Begin();
        var key = (fused ? "relu_" : "") + "k2";
        var x = fx.Tensor("x").Contiguous(MemoryFormat.ChannelsLast).RequiresGrad_();
        Assert.False(x.IsContiguous);
        var y = fused ? F.ReluMaxPool2d(x, 2) : F.MaxPool2d(x, 2);
        Assert.True(y.IsContiguousIn(MemoryFormat.ChannelsLast));
        fx.AssertClose(key, y, atol: 0, rtol: 0);
        y.Backward(fx.Tensor(key + ".upstream"));
        Assert.True(x.Grad!.IsContiguousIn(MemoryFormat.ChannelsLast));
        fx.AssertClose(key + ".grad.x", x.Grad, atol: 0, rtol: 0);
    }

    [Fact]
    public void ChannelsLastWindowsWithNaNFollowTheExactRule()
    {
        using var scope = DisposeScope.Begin();
        // Two channels; channel 0's window holds a NaN, channel 1's ties at 3 (the first 3 wins).
        float[] nchw = [1, float.NaN, 3, -4, 3, -1, 3, 2];
        var x = Tensor.FromArray(nchw, [1, 2, 2, 2]).Contiguous(MemoryFormat.ChannelsLast).RequiresGrad_();
        var y = F.ReluMaxPool2d(x, 2);
        var values = y.ToArray<float>();
        Assert.True(float.IsNaN(values[0]));
        Assert.Equal(3f, values[1]);
        y.Backward(Tensor.FromArray([10f, 20f], [1, 2, 1, 1]));
        Assert.Equal([0f, 0f, 0f, 0f, 20f, 0f, 0f, 0f], x.Grad!.ToArray<float>());
    }

    [Fact]
    public void NonContiguousAndDoubleInputsGiveTheSameValues()
    {
        using var scope = DisposeScope.Begin();
        var x = fx.Tensor("x");
        var expected = fx.Tensor("relu_k3_s2_p1");
        // A transposed view takes the contiguous copy path; float64 takes libtorch's kernel.
        var transposed = x.Transpose(2, 3).Contiguous().Transpose(2, 3);
        Assert.False(transposed.IsContiguous);
        Assert.Equal(expected.ToArray<float>(), F.ReluMaxPool2d(transposed, 3, 2, 1).ToArray<float>());
        Assert.Equal(expected.ToArray<float>(), F.ReluMaxPool2d(x.To(DType.Float64), 3, 2, 1).To(DType.Float32).ToArray<float>());
    }

    [Fact]
    public void NaNWinsItsWindowAsInPyTorch()
    {
        using var scope = DisposeScope.Begin();
        float[] values = [1, float.NaN, 3, -4, -1, -2, -3, -5];
        var x = Tensor.FromArray(values, [1, 2, 2, 2]);
        var pooled = F.MaxPool2d(x, 2).ToArray<float>();
        Assert.True(float.IsNaN(pooled[0]));
        Assert.Equal(-1f, pooled[1]);
        var fused = F.ReluMaxPool2d(x, 2).ToArray<float>();
        Assert.True(float.IsNaN(fused[0]));
        Assert.Equal(0f, fused[1]);
        var reference = F.MaxPool2d(F.Relu(x.To(DType.Float64)), 2).ToArray<double>();
        Assert.True(double.IsNaN(reference[0]));
    }

    [Fact]
    public void InvalidWindowsKeepLibtorchsMessages()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => F.ReluMaxPool2d(Tensor.Zeros(1, 1, 2, 2), 3));
        Assert.Contains("Output size is too small", e.Message);
        var pad = Assert.Throws<TorchException>(() => F.MaxPool2d(Tensor.Zeros(1, 1, 8, 8), 2, padding: 2));
        Assert.Contains("pad should be", pad.Message);
    }
}
