using ModelDsl.Torch.Nn;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>Convolution parity with PyTorch 1.13 (fixtures/Nn/conv.json). Tolerance: 1e-4 absolute + 1e-4 relative.</summary>
public class NnConvTests
{
    private const double Atol = 1e-4;
    private readonly NnFixture fx = NnFixture.Load("conv");

    [Theory]
    [InlineData("valid")]
    [InlineData("explicit_1_2")]
    [InlineData("same_s1")]
    [InlineData("same_s2")]
    [InlineData("stride2_valid")]
    [InlineData("dilation2")]
    [InlineData("dilation2_same")]
    public void Conv2dMatchesPyTorch(string variant)
    {
        using var scope = DisposeScope.Begin();
        var (x, w, b) = (fx.Tensor("x"), fx.Tensor("w"), fx.Tensor("b"));
        var y = variant switch
        {
            "valid" => F.Conv2d(x, w, b),
            "explicit_1_2" => F.Conv2d(x, w, b, padding: Padding2d.Symmetric(1, 2)),
            "same_s1" => F.Conv2d(x, w, b, padding: Padding2d.Same),
            "same_s2" => F.Conv2d(x, w, b, stride: 2, padding: Padding2d.Same),
            "stride2_valid" => F.Conv2d(x, w, b, stride: (2, 1)),
            "dilation2" => F.Conv2d(x, w, b, dilation: 2),
            "dilation2_same" => F.Conv2d(x, w, b, padding: Padding2d.Same, dilation: 2),
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
        fx.AssertClose(variant, y, Atol, 1e-4);
    }

    [Fact]
    public void SamePaddingWithEvenKernelPutsTheOddPixelBottomRight()
    {
        using var scope = DisposeScope.Begin();
        var y = F.Conv2d(fx.Tensor("x"), fx.Tensor("w4"), padding: Padding2d.Same);
        fx.AssertClose("same_k4", y, Atol, 1e-4);
        Assert.Equal((1L, 2L), Padding2d.SameFor(8, 4, 1, 1));
        Assert.Equal((0L, 1L), Padding2d.SameFor(8, 3, 2, 1));
    }

    [Fact]
    public void GroupedAndDepthwiseConvolutionsMatchPyTorch()
    {
        using var scope = DisposeScope.Begin();
        var x = fx.Tensor("x");
        fx.AssertClose("groups3", F.Conv2d(x, fx.Tensor("wg"), groups: 3), Atol, 1e-4);
        fx.AssertClose("depthwise", F.Conv2d(x, fx.Tensor("wd"), padding: 1, groups: 3), Atol, 1e-4);
    }

    [Fact]
    public void ConvGradientsOfInputWeightAndBiasMatchPyTorch()
    {
        using var scope = DisposeScope.Begin();
        var x = fx.Tensor("x", requiresGrad: true);
        var w = fx.Tensor("w", requiresGrad: true);
        var b = fx.Tensor("b", requiresGrad: true);
        var y = F.Conv2d(x, w, b, stride: 2, padding: Padding2d.Same);
        y.Backward(fx.Tensor("same_s2.upstream"));
        fx.AssertClose("same_s2.grad.x", x.Grad, Atol, 1e-4);
        fx.AssertClose("same_s2.grad.w", w.Grad, 1e-3, 1e-4);
        fx.AssertClose("same_s2.grad.b", b.Grad, 1e-3, 1e-4);
    }

    [Fact]
    public void ZeroPad2dPadsEachSide()
    {
        using var scope = DisposeScope.Begin();
        fx.AssertClose("zeropad_1_2_3_0", F.ZeroPad2d(fx.Tensor("x"), 1, 2, 3, 0), 0, 0);
        using var layer = new ZeroPad2d(1, 2, 3, 0);
        fx.AssertClose("zeropad_1_2_3_0", layer.Forward(fx.Tensor("x")), 0, 0);
    }

    [Fact]
    public void Conv2dLayerHoldsPyTorchNamedParameters()
    {
        using var conv = new Conv2d(3, 4, 3, stride: 2, padding: Padding2d.Same);
        Assert.Equal(["weight", "bias"], conv.NamedParameters().Select(p => p.Key));
        Assert.Equal([4L, 3, 3, 3], conv.Weight.Shape);
        using var scope = DisposeScope.Begin();
        conv.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = fx.Tensor("w"), ["bias"] = fx.Tensor("b") });
        fx.AssertClose("same_s2", conv.Forward(fx.Tensor("x")), Atol, 1e-4);
    }

    [Fact]
    public void DepthwiseConv2dLayerHasOneKernelPerChannel()
    {
        using var conv = new Conv2d(3, 3, 3, padding: 1, groups: 3, bias: false);
        Assert.Equal([3L, 1, 3, 3], conv.Weight.Shape);
        Assert.Null(conv.Bias);
        Assert.Single(conv.Parameters());
    }
}
