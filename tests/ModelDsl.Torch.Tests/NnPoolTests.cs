using ModelDsl.Torch.Nn;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>Pooling parity with PyTorch 1.13 (fixtures/Nn/pool.json). Tolerance 1e-5 (+1e-4 relative).</summary>
public class NnPoolTests
{
    private readonly NnFixture fx = NnFixture.Load("pool");

    [Fact]
    public void MaxPoolingMatchesPyTorch()
    {
        using var scope = DisposeScope.Begin();
        var x = fx.Tensor("x");
        fx.AssertClose("max_k2", F.MaxPool2d(x, 2));
        fx.AssertClose("max_k3_s2_ceil", F.MaxPool2d(x, 3, 2, ceilMode: true));
        fx.AssertClose("max_k3_s2_p1", F.MaxPool2d(x, 3, 2, padding: 1));
        using var layer = new MaxPool2d(3, 2, ceilMode: true);
        fx.AssertClose("max_k3_s2_ceil", layer.Forward(x));
    }

    [Fact]
    public void AveragePoolingMatchesPyTorch()
    {
        using var scope = DisposeScope.Begin();
        var x = fx.Tensor("x");
        fx.AssertClose("avg_k2", F.AvgPool2d(x, 2));
        fx.AssertClose("avg_k3_s2_ceil", F.AvgPool2d(x, 3, 2, ceilMode: true));
        fx.AssertClose("avg_k3_s2_p1_nopad", F.AvgPool2d(x, 3, 2, padding: 1, countIncludePad: false));
        using var layer = new AvgPool2d(2);
        fx.AssertClose("avg_k2", layer.Forward(x));
    }

    [Fact]
    public void AdaptiveAndGlobalPoolingMatchPyTorch()
    {
        using var scope = DisposeScope.Begin();
        var x = fx.Tensor("x");
        fx.AssertClose("adaptive_3x2", F.AdaptiveAvgPool2d(x, (3, 2)));
        using var adaptive = new AdaptiveAvgPool2d((3, 2));
        fx.AssertClose("adaptive_3x2", adaptive.Forward(x));
        using var gap = new GlobalAvgPool2d();
        using var gmp = new GlobalMaxPool2d();
        fx.AssertClose("global_avg", gap.Forward(x));
        fx.AssertClose("global_max", gmp.Forward(x));
        Assert.Equal([2L, 3, 1, 1], F.GlobalAvgPool2d(x, keepDims: true).Shape);
    }

    [Fact]
    public void PoolingGradientsMatchPyTorch()
    {
        using var scope = DisposeScope.Begin();
        var x = fx.Tensor("x", requiresGrad: true);
        F.MaxPool2d(x, 3, 2, ceilMode: true).Backward(fx.Tensor("max_k3_s2_ceil.upstream"));
        fx.AssertClose("max_k3_s2_ceil.grad.x", x.Grad);
        var x2 = fx.Tensor("x", requiresGrad: true);
        F.AvgPool2d(x2, 3, 2, padding: 1, countIncludePad: false).Backward(fx.Tensor("avg_k3_s2_p1_nopad.upstream"));
        fx.AssertClose("avg_k3_s2_p1_nopad.grad.x", x2.Grad);
    }
}
