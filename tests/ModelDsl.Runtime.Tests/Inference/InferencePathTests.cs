using ModelDsl.Runtime.Inference;
using ModelDsl.Runtime.Spec;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Inference;

/// <summary>The plan cache: one plan per model while its weights are unchanged, a new one after any change.</summary>
public class InferencePathTests
{
    [Fact]
    public void The_same_plan_is_returned_while_the_weights_are_unchanged()
    {
        using var model = SpecModule.FromZoo("MnistConvNet", classes: 10);
        var first = InferencePath.For(model);
        Assert.NotNull(first);
        Assert.Same(first, InferencePath.For(model));
        InferencePath.Invalidate(model);
    }

    [Theory]
    [InlineData("parameter")]
    [InlineData("running statistics")]
    [InlineData("load_state_dict")]
    public void A_weight_change_rebuilds_the_plan_and_its_outputs_follow(string change)
    {
        const string spec = "model M(input = 3x8x8) { c: conv2d(4, 3) > bn: batchnorm > relu > flatten > d: dense(5) }";
        manual_seed(21);
        using var model = SpecModule.FromText(spec, "M");
        using var other = SpecModule.FromText(spec, "M");
        model.eval();
        using var x = randn(2, 3, 8, 8);
        var before = InferencePath.For(model)!;
        using (no_grad())
        {
            switch (change)
            {
                case "parameter":
                    // One element, the smallest change an optimizer step makes.
                    model.parameters().First().view(-1)[0].add_(1e-3f);
                    break;
                case "running statistics":
                    ((TorchSharp.Modules.BatchNorm)model.ModuleAt("bn")!).running_var!.mul_(2);
                    break;
                default:
                    model.load_state_dict(other.state_dict());
                    break;
            }
        }
        var after = InferencePath.For(model)!;
        Assert.NotSame(before, after);
        Assert.Throws<ObjectDisposedException>(() => before.Forward(x));
        using var expected = model.forward(x);
        using var actual = after.Forward(x);
        PlanAssert.RelativelyClose(expected, actual, 1e-5, $"the rebuilt plan after a {change} change");
        InferencePath.Invalidate(model);
    }

    [Fact]
    public void Invalidate_releases_the_plan_and_the_next_call_builds_a_new_one()
    {
        using var model = SpecModule.FromZoo("MnistConvNet", classes: 10);
        var first = InferencePath.For(model)!;
        InferencePath.Invalidate(model);
        using var x = rand(1, 1, 28, 28);
        Assert.Throws<ObjectDisposedException>(() => first.Forward(x));
        var second = InferencePath.For(model);
        Assert.NotNull(second);
        Assert.NotSame(first, second);
        InferencePath.Invalidate(model);
    }

    [Fact]
    public void Asking_with_other_options_replaces_the_cached_plan()
    {
        using var model = SpecModule.FromZoo("MnistConvNet", classes: 10);
        var standard = InferencePath.For(model)!;
        var nchw = InferencePath.For(model, new InferenceOptions { ChannelsLast = false })!;
        Assert.False(nchw.Options.ChannelsLast);
        Assert.NotSame(standard, nchw);
        using var x = rand(1, 1, 28, 28);
        Assert.Throws<ObjectDisposedException>(() => standard.Forward(x));
        InferencePath.Invalidate(model);
    }

    [Fact]
    public void Models_without_a_spec_graph_have_no_plan()
    {
        using var sequential = nn.Sequential(nn.Linear(4, 2));
        Assert.False(InferencePath.Supports(sequential));
        Assert.Null(InferencePath.For(sequential));
        using var model = SpecModule.FromZoo("MnistConvNet", classes: 10);
        Assert.True(InferencePath.Supports(model));
    }
}
