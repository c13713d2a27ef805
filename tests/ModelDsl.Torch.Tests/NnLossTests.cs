using ModelDsl.Torch.Nn;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>Losses against PyTorch 1.13 (fixtures/Nn/loss.json). Tolerance 1e-5 + 1e-4 relative.</summary>
public class NnLossTests
{
    private readonly NnFixture fx = NnFixture.Load("loss");

    [Fact]
    public void CrossEntropyOnLogitsMatchesPyTorch()
    {
        using var scope = DisposeScope.Begin();
        var (logits, targets) = (fx.Tensor("logits"), fx.Tensor("targets"));
        fx.AssertClose("ce_mean", F.CrossEntropy(logits, targets));
        fx.AssertClose("ce_sum", F.CrossEntropy(logits, targets, Reduction.Sum));
        fx.AssertClose("ce_none", F.CrossEntropy(logits, targets, Reduction.None));
        fx.AssertClose("ce_smooth01", F.CrossEntropy(logits, targets, labelSmoothing: 0.1));
        fx.AssertClose("ce_soft", F.CrossEntropy(logits, fx.Tensor("soft_targets")));
        fx.AssertClose("nll", F.NllLoss(F.LogSoftmax(logits, 1), targets));
    }

    [Fact]
    public void CrossEntropyGradientMatchesPyTorch()
    {
        using var scope = DisposeScope.Begin();
        var logits = fx.Tensor("logits", requiresGrad: true);
        F.CrossEntropy(logits, fx.Tensor("targets")).Backward();
        fx.AssertClose("ce_mean.grad.logits", logits.Grad);
    }

    [Fact]
    public void CrossEntropyOnProbabilitiesMatchesLogOfSoftmaxAwayFromTheClip()
    {
        using var scope = DisposeScope.Begin();
        var probs = fx.Tensor("probs", requiresGrad: true);
        var loss = F.CrossEntropyOnProbabilities(probs, fx.Tensor("targets"));
        fx.AssertClose("ce_probs", loss);
        loss.Backward();
        fx.AssertClose("ce_probs.grad.probs", probs.Grad);
        fx.AssertClose("ce_probs_soft", F.CrossEntropyOnProbabilities(fx.Tensor("probs"), fx.Tensor("soft_targets")));
    }

    [Fact]
    public void CrossEntropyOnSaturatedProbabilitiesIsFiniteLikeKeras()
    {
        using var scope = DisposeScope.Begin();
        var probs = Tensor.FromArray([1f, 0f, 0f, 0f, 1f, 0f], 2, 3);
        probs.RequiresGrad = true;
        var loss = F.CrossEntropyOnProbabilities(probs, Tensor.FromArray([1L, 1L], 2));
        // Keras clips to [1e-7, 1 - 1e-7]: the wrong sample costs -log(1e-7), the right one -log(1 - 1e-7).
        Assert.Equal((-Math.Log(1e-7) - Math.Log(1 - 1e-7)) / 2, loss.Item<float>(), 1e-3);
        loss.Backward();
        Assert.All(probs.Grad!.ToArray<float>(), g => Assert.True(float.IsFinite(g)));
    }

    [Fact]
    public void BinaryCrossEntropyMatchesPyTorch()
    {
        using var scope = DisposeScope.Begin();
        var p = fx.Tensor("p", requiresGrad: true);
        var loss = F.BinaryCrossEntropy(p, fx.Tensor("t"));
        fx.AssertClose("bce", loss);
        loss.Backward();
        fx.AssertClose("bce.grad.p", p.Grad);
        fx.AssertClose("bce_logits", F.BinaryCrossEntropyWithLogits(fx.Tensor("z"), fx.Tensor("t")));
        fx.AssertClose("bce_logits_sum", F.BinaryCrossEntropyWithLogits(fx.Tensor("z"), fx.Tensor("t"), Reduction.Sum));
    }

    [Fact]
    public void MeanSquaredErrorMatchesPyTorch()
    {
        using var scope = DisposeScope.Begin();
        var u = fx.Tensor("u", requiresGrad: true);
        var loss = F.MseLoss(u, fx.Tensor("z"));
        fx.AssertClose("mse", loss);
        loss.Backward();
        fx.AssertClose("mse.grad.u", u.Grad);
        fx.AssertClose("mse_none", F.MseLoss(fx.Tensor("u"), fx.Tensor("z"), Reduction.None));
    }
}
