using ModelDsl.Kernels.Tests.Support;
using ModelDsl.Runtime.Kernels;
using TorchSharp;
using static ModelDsl.Kernels.Tests.Support.OptimizerRuns;
using static TorchSharp.torch;
using Parameter = TorchSharp.Modules.Parameter;
using TorchSharpSgd = TorchSharp.Modules.SGD;

namespace ModelDsl.Kernels.Tests.Optimizers;

/// <summary>
/// ModelDsl's one-pass SGD against TorchSharp's: SGD has no square root, so parameters and momentum buffers must be
/// TorchSharp's to the last bit for every option set; state moves between the two classes; fallbacks and zero_grad.
/// </summary>
[Collection(KernelsCollection.Name)]
public sealed class SgdTests
{
    [Theory]
    [InlineData(0.01, 0, 0, 0, false, false)] // Keras's "sgd"
    [InlineData(0.01, 0.9, 0, 0, false, false)]
    [InlineData(0.05, 0.9, 0.1, 0, false, false)]
    [InlineData(0.01, 0.9, 0, 0, true, false)]
    [InlineData(0.01, 0.8, 0, 1e-3, false, false)]
    [InlineData(0.01, 0, 0, 1e-2, false, false)]
    [InlineData(0.02, 0.9, 0, 5e-4, true, true)]
    public void Steps_EqualTorchSharpsBitForBit_WithoutLeavingScalarsBehind(double lr, double momentum, double dampening,
        double weightDecay, bool nesterov, bool maximize)
    {
        var (reference, fused) = (Parameters(), Parameters());
        using var expected = new TorchSharpSgd(reference, lr, momentum, dampening, weightDecay, nesterov, maximize);
        using var actual = new ModelDsl.Runtime.Kernels.SGD(fused, lr, momentum, dampening, weightDecay, nesterov, maximize);

        Steps(expected, reference, actual, fused, steps: 4, seed: 100);
        SetGradients(reference, fused, 104);
        var baseline = FinalizableGarbageOf(() => { });
        var torchSharpGarbage = FinalizableGarbageOf(() => expected.step());
        var ourGarbage = FinalizableGarbageOf(() => actual.step());

        AssertBitwise(reference, fused, "parameter");
        // Parameters, momentum buffers (absent without momentum) and options, byte for byte.
        Assert.Equal(Save(expected), Save(actual));
        // TorchSharp's step leaves one to five Scalars per parameter to the finalizer (measured); the one-pass step
        // (which is therefore the path that ran) none. The baseline is what a collection finds with no step at all.
        Assert.True(torchSharpGarbage - baseline >= reference.Length, $"TorchSharp's step left {torchSharpGarbage - baseline} finalizable objects");
        Assert.True(ourGarbage - baseline <= 1, $"the one-pass step left {ourGarbage - baseline} finalizable objects");
    }

    [Fact]
    public void State_MovesBetweenTorchSharpsSgdAndOurs_AndBothContinueAlike()
    {
        var (reference, fused) = (Parameters(), Parameters());
        using var torchSharp = new TorchSharpSgd(reference, 0.01, momentum: 0.9, nesterov: true);
        using var ours = new ModelDsl.Runtime.Kernels.SGD(fused, 0.01, momentum: 0.9, nesterov: true);
        Steps(torchSharp, reference, ours, fused, steps: 2, seed: 200);

        // Ours continues TorchSharp's run and TorchSharp's continues ours.
        var (fromTorchSharp, fromOurs) = (Copies(reference), Copies(fused));
        using var oursResumed = new ModelDsl.Runtime.Kernels.SGD(fromTorchSharp, 0.5);
        using var torchSharpResumed = new TorchSharpSgd(fromOurs, 0.5);
        Load(oursResumed, Save(torchSharp));
        Load(torchSharpResumed, Save(ours));
        Assert.Equal(Save(ours), Save(torchSharpResumed));
        Assert.Equal(Save(torchSharp), Save(oursResumed));

        Steps(torchSharp, reference, oursResumed, fromTorchSharp, steps: 3, seed: 300);
        Steps(ours, fused, torchSharpResumed, fromOurs, steps: 3, seed: 300);
        AssertBitwise(reference, fromTorchSharp, "ours resumed from TorchSharp's state");
        AssertBitwise(fused, fromOurs, "TorchSharp's resumed from our state");
        AssertBitwise(reference, fused, "both uninterrupted");
    }

    [Fact]
    public void LearningRateChanges_ThroughParamGroupsAndSchedulers_AreFollowed()
    {
        var (reference, fused) = (Parameters(), Parameters());
        using var expected = new TorchSharpSgd(
            [new TorchSharpSgd.ParamGroup(reference[..4], lr: 0.1, momentum: 0.5), new TorchSharpSgd.ParamGroup(reference[4..], lr: 0.01)], 0.05);
        using var actual = new ModelDsl.Runtime.Kernels.SGD(
            [new TorchSharpSgd.ParamGroup(fused[..4], lr: 0.1, momentum: 0.5), new TorchSharpSgd.ParamGroup(fused[4..], lr: 0.01)], 0.05);
        var schedulers = new[] { optim.lr_scheduler.StepLR(expected, 1, 0.5), optim.lr_scheduler.StepLR(actual, 1, 0.5) };
        for (var step = 0; step < 3; step++)
        {
            Steps(expected, reference, actual, fused, steps: 1, seed: 400 + step);
            foreach (var scheduler in schedulers) scheduler.step();
        }
        expected.ParamGroups.Last().LearningRate = 3.0;
        actual.ParamGroups.Last().LearningRate = 3.0;
        Steps(expected, reference, actual, fused, steps: 1, seed: 410);

        Assert.Equal(0.1 * 0.125, actual.ParamGroups.First().LearningRate, 15);
        AssertBitwise(reference, fused, "parameter");
    }

    [Fact]
    public void ParametersWithoutGradients_AreLeftAlone()
    {
        var (reference, fused) = (Parameters(), Parameters());
        using var untouched = fused[2].detach().clone();
        using var expected = new TorchSharpSgd(reference, 0.01, momentum: 0.9);
        using var actual = new ModelDsl.Runtime.Kernels.SGD(fused, 0.01, momentum: 0.9);
        for (var step = 0; step < 3; step++)
        {
            SetGradients(reference, fused, 500 + step, without: 2);
            expected.step();
            actual.step();
        }

        Bitwise.Equal(untouched, fused[2], "the parameter without a gradient");
        AssertBitwise(reference, fused, "parameter");
        Assert.Equal(Save(expected), Save(actual)); // no momentum buffer was made for it
    }

    [Fact]
    public void Float64Parameters_RunTorchSharpsStep()
    {
        var (reference, fused) = (Parameters(ScalarType.Float64), Parameters(ScalarType.Float64));
        using var expected = new TorchSharpSgd(reference, 0.01, momentum: 0.9, weight_decay: 1e-3);
        using var actual = new ModelDsl.Runtime.Kernels.SGD(fused, 0.01, momentum: 0.9, weight_decay: 1e-3);
        Steps(expected, reference, actual, fused, steps: 3, seed: 600);
        AssertBitwise(reference, fused, "parameter");
        Assert.Equal(Save(expected), Save(actual));
    }

    [Fact]
    public void KernelsOff_RunsTorchSharpsStep_AndZeroGrad()
    {
        var wasEnabled = FusedKernels.Enabled;
        FusedKernels.Enabled = false;
        try
        {
            var (reference, fused) = (Parameters(), Parameters());
            using var expected = new TorchSharpSgd(reference, 0.01, momentum: 0.9);
            using var actual = new ModelDsl.Runtime.Kernels.SGD(fused, 0.01, momentum: 0.9);
            SetGradients(reference, fused, 700);
            // TorchSharp's own step leaves its Scalars: the fallback really ran.
            var baseline = FinalizableGarbageOf(() => { });
            Assert.True(FinalizableGarbageOf(() => actual.step()) - baseline >= fused.Length);
            expected.step();
            AssertBitwise(reference, fused, "parameter");

            actual.zero_grad();
            Assert.All(fused, p => { using var g = p.grad!; Assert.Equal(0, g.count_nonzero().item<long>()); });
        }
        finally
        {
            FusedKernels.Enabled = wasEnabled;
        }
    }

    [Fact]
    public void ZeroGrad_ClearsEveryGradient_AndSkipsParametersWithout()
    {
        var fused = Parameters();
        using var actual = new ModelDsl.Runtime.Kernels.SGD(fused, 0.01);
        SetGradients(Parameters(), fused, 800, without: fused.Length - 1);
        actual.zero_grad();
        for (var i = 0; i < fused.Length - 1; i++)
        {
            using var grad = fused[i].grad!;
            Assert.All(grad.data<float>().ToArray(), v => Assert.Equal(0, BitConverter.SingleToInt32Bits(v)));
        }
        Assert.Null(fused[^1].grad);
    }
}
