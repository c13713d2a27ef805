using ModelDsl.Torch.Nn;
using ModelDsl.Torch.Optim;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>
/// Ten steps of each optimizer on least squares (loss = mse(X Wᵀ + b, Y)) against PyTorch 1.13
/// (fixtures/Nn/optim.json). Parameters after 10 steps agree within 1e-5 + 1e-4 relative.
/// </summary>
public class OptimTests
{
    private readonly NnFixture fx = NnFixture.Load("optim");

    private static Optimizer Make(string name, Tensor[] p) => name switch
    {
        "sgd" => new Sgd(p, 0.1),
        "sgd_momentum_dampening_wd" => new Sgd(p, 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01),
        "sgd_nesterov" => new Sgd(p, 0.05, momentum: 0.9, nesterov: true),
        "rmsprop" => new RmsProp(p, 0.01),
        "rmsprop_centered_momentum_wd" => new RmsProp(p, 0.01, momentum: 0.5, centered: true, weightDecay: 0.01),
        "rmsprop_keras" => RmsProp.Keras(p),
        "adam" => new Adam(p, 0.01),
        "adam_amsgrad_wd" => new Adam(p, 0.01, amsgrad: true, weightDecay: 0.05),
        "adamw" => new AdamW(p, 0.01, weightDecay: 0.1),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static TheoryData<string> Names => ["sgd", "sgd_momentum_dampening_wd", "sgd_nesterov", "rmsprop", "rmsprop_centered_momentum_wd", "rmsprop_keras", "adam", "adam_amsgrad_wd", "adamw"];

    private (Tensor W, Tensor B) Parameters()
    {
        var w = fx.Tensor("W0", requiresGrad: true).DetachFromScope();
        var b = fx.Tensor("b0", requiresGrad: true).DetachFromScope();
        return (w, b);
    }

    private void Train(Optimizer optimizer, Tensor w, Tensor b, int steps)
    {
        for (var i = 0; i < steps; i++)
        {
            using var scope = DisposeScope.Begin();
            optimizer.ZeroGrad();
            F.MseLoss(F.Linear(fx.Tensor("X"), w, b), fx.Tensor("Y")).Backward();
            optimizer.Step();
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TenStepsMatchPyTorch(string name)
    {
        var (w, b) = Parameters();
        using (w)
        using (b)
        using (var optimizer = Make(name, [w, b]))
        {
            Train(optimizer, w, b, 10);
            fx.AssertClose($"{name}.W", w);
            fx.AssertClose($"{name}.b", b);
        }
    }

    [Theory]
    [InlineData("sgd_momentum_dampening_wd")]
    [InlineData("rmsprop_centered_momentum_wd")]
    [InlineData("adam_amsgrad_wd")]
    public void StateDictResumesExactly(string name)
    {
        // Five steps, checkpoint, a fresh optimizer loads it, five more steps: same as ten in a row.
        var (w, b) = Parameters();
        using (w)
        using (b)
        {
            IReadOnlyDictionary<string, Tensor> saved;
            using (var first = Make(name, [w, b]))
            {
                Train(first, w, b, 5);
                saved = first.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone().DetachFromScope());
            }
            using var second = Make(name, [w, b]);
            second.LoadStateDict(saved);
            Train(second, w, b, 5);
            fx.AssertClose($"{name}.W", w);
            fx.AssertClose($"{name}.b", b);
            foreach (var t in saved.Values) t.Dispose();
        }
    }

    [Fact]
    public void FrozenParametersAreSkipped()
    {
        var (w, b) = Parameters();
        using (w)
        using (b)
        using (var sgd = new Sgd([w, b], 0.1))
        {
            var before = b.ToArray<float>();
            b.RequiresGrad = false;
            Train(sgd, w, b, 2);
            Assert.Equal(before, b.ToArray<float>());
            Assert.NotEqual(fx.Floats("W0"), w.ToArray<float>());
        }
    }

    [Fact]
    public void ZeroGradDropsOrZeroesGradients()
    {
        var (w, b) = Parameters();
        using (w)
        using (b)
        using (var sgd = new Sgd([w, b], 0.1))
        {
            using var scope = DisposeScope.Begin();
            F.MseLoss(F.Linear(fx.Tensor("X"), w, b), fx.Tensor("Y")).Backward();
            sgd.ZeroGrad(setToNone: false);
            Assert.All(w.Grad!.ToArray<float>(), g => Assert.Equal(0f, g));
            sgd.ZeroGrad();
            Assert.Null(w.Grad);
        }
    }

    [Fact]
    public void LearningRateAppliesToEveryGroupAndParamGroupsKeepTheirOwn()
    {
        var (w, b) = Parameters();
        using (w)
        using (b)
        using (var sgd = new Sgd([new ParamGroup([w]), new ParamGroup([b], learningRate: 0.5)], learningRate: 0.1))
        {
            Assert.Equal([0.1, 0.5], sgd.ParamGroups.Select(g => g.LearningRate));
            sgd.LearningRate = 0.01;
            Assert.All(sgd.ParamGroups, g => Assert.Equal(0.01, g.LearningRate));
            Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = -1);
        }
    }

    [Fact]
    public void OptimizerStateDictNamesFollowPyTorch()
    {
        var (w, b) = Parameters();
        using (w)
        using (b)
        using (var adam = new Adam([w, b]))
        {
            using var scope = DisposeScope.Begin();
            Assert.Equal(
                ["param_groups.0.lr", "state.0.exp_avg", "state.0.exp_avg_sq", "state.0.step", "state.1.exp_avg", "state.1.exp_avg_sq", "state.1.step"],
                adam.StateDict().Keys);
        }
    }
}
