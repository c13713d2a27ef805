using ModelDsl.Runtime.Inference;
using ModelDsl.Runtime.Spec;
using ModelDsl.Spec.Graph;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Inference;

/// <summary>
/// Modules that are not <see cref="SpecModule"/>s but expose a graph (<see cref="IInferenceGraph"/>, as generated models
/// do): layers bound by module path, layers the module runs inline (flatten) run by modules the plan builds, a graph the
/// plan cannot follow falls back to the module's forward, and a missing layer with weights is the caller's error.
/// </summary>
public class InferenceGraphBindingTests
{
    private const string Spec = "model H(input = 3x8x8) { c: conv2d(4, 3, relu) > bn: batchnorm > flatten > d: dense(5) }";

    [Fact]
    public void A_module_exposing_its_graph_gets_a_plan_equal_to_its_eval_forward()
    {
        manual_seed(5);
        using var model = new HandWritten(SpecModule.Compile(Spec, "H").Graph!);
        PlanAssert.RandomiseBatchNorm(model, seed: 9);
        model.eval();
        using var x = randn(4, 3, 8, 8);
        var plan = InferencePath.For(model);
        Assert.NotNull(plan);
        using var expected = model.forward(x);
        using var actual = plan.Forward(x);
        PlanAssert.RelativelyClose(expected, actual, 1e-5, "hand-written module with an inline flatten");
        InferencePath.Invalidate(model);
    }

    [Fact]
    public void A_graph_the_plan_cannot_follow_leaves_the_module_its_own_forward()
    {
        // Keras 'same' average pooling with a stride on an even input needs asymmetric pads, which only the model's code applies.
        var graph = SpecModule.Compile("model P(input = 3x8x8) { c: conv2d(4, 3, relu) > bn: batchnorm > avgpool2d(3, stride=2, padding=same) > flatten > d: dense(5) }", "P").Graph!;
        using var model = new HandWritten(graph);
        Assert.True(InferencePath.Supports(model));
        Assert.Null(InferencePath.For(model));
        InferencePath.Invalidate(model);
    }

    [Fact]
    public void A_layer_with_weights_missing_at_its_path_is_an_argument_error()
    {
        var graph = SpecModule.Compile("model M(input = 3x8x8) { c: conv2d(4, 3, relu) > bn: batchnorm > flatten > head: dense(5) }", "M").Graph!;
        using var model = new HandWritten(graph);
        var error = Assert.Throws<ArgumentException>(() => InferencePath.For(model));
        Assert.Contains("'head'", error.Message, StringComparison.Ordinal);
        InferencePath.Invalidate(model);
    }

    /// <summary>The spec's network written by hand: conv, ReLU and BatchNorm registered at the spec's paths, flatten inline.</summary>
    private sealed class HandWritten : nn.Module<Tensor, Tensor>, IInferenceGraph
    {
        private readonly Conv2d c = nn.Conv2d(3, 4, 3);
        private readonly BatchNorm2d bn = nn.BatchNorm2d(4);
        private readonly Linear d = nn.Linear(144, 5);

        public HandWritten(ModelGraph graph)
            : base("H")
        {
            Graph = graph;
            register_module("c", c);
            register_module("bn", bn);
            register_module("d", d);
        }

        public ModelGraph Graph { get; }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            return d.forward(bn.forward(nn.functional.relu(c.forward(input))).flatten(1)).MoveToOuterDisposeScope();
        }

        protected override void RegisterComponents()
        {
        }
    }
}
