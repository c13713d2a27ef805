using ModelDsl.Runtime.Inference;
using ModelDsl.Runtime.Spec;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Inference;

/// <summary>Relative comparisons of a plan's outputs with its model's eval-mode outputs, and non-trivial BatchNorm statistics.</summary>
internal static class PlanAssert
{
    /// <summary>max |expected - actual| / max |expected| ≤ tolerance, with a message naming the worst element.</summary>
    public static void RelativelyClose(Tensor expected, Tensor actual, double tolerance, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = expected.detach().to(ScalarType.Float64).cpu();
        var a = actual.detach().to(ScalarType.Float64).cpu();
        var scale = e.abs().max().item<double>();
        Assert.True(scale > 1e-6, $"{what}: the reference output is trivially zero.");
        var diff = (e - a).abs();
        var worst = diff.argmax().item<long>();
        var relative = diff.max().item<double>() / scale;
        Assert.True(relative <= tolerance, $"{what}: max |difference| / max |reference| = {relative:E2} > {tolerance:E0} at flat element {worst}.");
    }

    /// <summary>Running statistics and affine parameters far from the fresh 1/0, so folding mistakes change outputs.</summary>
    public static void RandomiseBatchNorm(nn.Module model, int seed)
    {
        var g = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (name, t) in model.state_dict())
        {
            if (name.EndsWith(".running_mean", StringComparison.Ordinal)) t.copy_(randn(t.shape, generator: g) * 0.5);
            else if (name.EndsWith(".running_var", StringComparison.Ordinal)) t.copy_(rand(t.shape, generator: g) * 2 + 0.25);
        }
        foreach (var (name, p) in model.named_parameters())
        {
            var bn = model.named_modules().Any(m => m.module is TorchSharp.Modules.BatchNorm && name.StartsWith(m.name + ".", StringComparison.Ordinal));
            if (!bn) continue;
            if (name.EndsWith(".weight", StringComparison.Ordinal)) p.copy_(rand(p.shape, generator: g) + 0.5);
            else p.copy_(randn(p.shape, generator: g) * 0.3);
        }
    }

    /// <summary>Builds the plan with <paramref name="options"/> and checks Forward and ForwardLogits against the model in eval mode.</summary>
    public static void MatchesModel(SpecModule model, Tensor x, InferenceOptions options, double tolerance, string what)
    {
        model.eval();
        using var scope = NewDisposeScope();
        using var plan = InferencePlanBuilder.Build(model, options);
        Tensor expected, expectedLogits;
        using (no_grad())
        {
            expected = model.forward(x);
            expectedLogits = model.ForwardLogits(x);
        }
        RelativelyClose(expected, plan.Forward(x), tolerance, what + " forward");
        RelativelyClose(expectedLogits, plan.ForwardLogits(x), tolerance, what + " logits");
    }
}
