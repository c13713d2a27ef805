using ModelDsl.Generators.Tests.Infrastructure;
using ModelDsl.Generators.Tests.Models;
using ModelDsl.Runtime;
using ModelDsl.Runtime.Inference;
using ModelDsl.Runtime.Spec;
using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Inference;
using static TorchSharp.torch;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// Generated models expose the graph the generator checked (their static <c>Graph</c>, through
/// <see cref="IInferenceGraph"/>), so <see cref="InferencePath.For"/> prepares them like spec-built models: the plan's
/// outputs equal the class's own eval forward, for every front end (attributes, <c>.mdsl</c>, <c>[ModelSpec]</c>,
/// <c>[InlineSpec]</c>); the graph's module paths are the registered names; a model with errors claims no graph.
/// </summary>
public class GeneratedInferenceTests
{
    private const double Tolerance = 1e-5;

    private static readonly Dictionary<string, (Func<nn.Module<Tensor, Tensor>> Create, ModelGraph Graph)> Generated = new()
    {
        ["SeedConvNet"] = (() => new SeedConvNet(), SeedConvNet.Graph),
        ["TinyResNet"] = (() => new TinyResNet(), TinyResNet.Graph),
        ["ResidualBn"] = (() => new ResidualBn(), ResidualBn.Graph),
        ["ResidualBnFromSpec"] = (() => new ResidualBnFromSpec(), ResidualBnFromSpec.Graph),
        ["InlineBnNet"] = (() => new InlineBnNet(), InlineBnNet.Graph),
        ["MnistConvNet"] = (() => new MnistConvNet(), MnistConvNet.Graph),
        ["NewLayers"] = (() => new NewLayers(), NewLayers.Graph),
        ["ShuffleOnly"] = (() => new ShuffleOnly(), ShuffleOnly.Graph),
        ["ChunkOnly"] = (() => new ChunkOnly(), ChunkOnly.Graph),
        ["ScaleByMean"] = (() => new ScaleByMean(), ScaleByMean.Graph),
        ["DropRows"] = (() => new DropRows(), DropRows.Graph),
        ["PoolTwice"] = (() => new PoolTwice(), PoolTwice.Graph),
        ["CeilMaxPoolPadded"] = (() => new CeilMaxPoolPadded(), CeilMaxPoolPadded.Graph),
        ["ResNet18"] = (() => new ResNet18(), ResNet18.Graph),
        ["MobileNetV3Small"] = (() => new MobileNetV3Small(), MobileNetV3Small.Graph),
        ["DenseNet121"] = (() => new DenseNet121(), DenseNet121.Graph),
    };

    public static TheoryData<string> SmallModels => new()
    {
        "SeedConvNet", "TinyResNet", "ResidualBn", "ResidualBnFromSpec", "InlineBnNet", "MnistConvNet", "NewLayers",
        "ShuffleOnly", "ChunkOnly", "ScaleByMean", "DropRows", "PoolTwice", "CeilMaxPoolPadded",
    };

    public static TheoryData<string> AllModels
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Generated.Keys) data.Add(name);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SmallModels))]
    public void ThePlanOfAGeneratedModelEqualsItsOwnEvalForward(string name)
    {
        var (create, graph) = Generated[name];
        manual_seed(7);
        using var model = create();
        Assert.IsAssignableFrom<IInferenceGraph>(model);
        RandomiseBatchNorm(model, seed: 3);
        model.eval();
        using var scope = NewDisposeScope();
        var x = randn([3, .. graph.InputShape!.Dims.Select(d => (long)d)], generator: new Generator(11));
        var plan = InferencePath.For(model);
        try
        {
            Assert.NotNull(plan);
            Tensor expected;
            using (no_grad()) expected = model.forward(x);
            RelativelyClose(expected, plan.Forward(x), $"{name} forward");
            if (model is ILogitsModule logits)
            {
                Tensor expectedLogits;
                using (no_grad()) expectedLogits = logits.ForwardLogits(x);
                RelativelyClose(expectedLogits, plan.ForwardLogits(x), $"{name} logits");
            }
        }
        finally
        {
            InferencePath.Invalidate(model);
        }
    }

    [Fact]
    public void BatchNormIsFoldedAndFunctionalLayersRunInThePlanOfTheResidualModel()
    {
        using var model = new ResidualBn();
        var plan = InferencePath.For(model)!;
        try
        {
            // 15 nodes, 8 steps: conv+bn+relu, conv+bn+relu, conv+bn, add+relu, max pool, bn (after a pool: an affine),
            // global pool (a module the plan builds: generated code runs it inline), dense with the softmax after it.
            Assert.Equal(15, ResidualBn.Graph.Nodes.Count);
            Assert.Equal(8, plan.StepCount);
        }
        finally
        {
            InferencePath.Invalidate(model);
        }
    }

    /// <summary>The graph records are the ones the spec compiles to at run time: layers (activations, pads), inputs, paths, names.</summary>
    [Theory]
    [InlineData("MnistConvNet", "MnistConvNet", null)]
    [InlineData("ResNet18", "ResNetFamily", null)]
    [InlineData("MobileNetV3Small", "MobileNetV3", null)]
    [InlineData("DenseNet121", "DenseNet", null)]
    [InlineData("NewLayers", null, "NewLayers")]
    [InlineData("ResidualBn", null, "InferenceModels")]
    [InlineData("ResidualBnFromSpec", null, "InferenceModels")]
    public void TheGeneratedGraphEqualsTheSpecsCompiledGraph(string name, string? zooFile, string? testFile)
    {
        var text = zooFile is not null ? Repo.Zoo(zooFile).Text : Repo.TestSpec(testFile!).Text;
        var modelName = name == "ResidualBnFromSpec" ? "ResidualBn" : name;
        var compiled = SpecModule.Compile(text, modelName).Graph!;
        var generated = Generated[name].Graph;
        Assert.Equal(compiled.Name, generated.Name);
        Assert.Equal(compiled.Nodes.Count, generated.Nodes.Count);
        foreach (var (want, got) in compiled.Nodes.Zip(generated.Nodes))
        {
            Assert.Equal(want.Id, got.Id);
            Assert.Equal(want.Layer, got.Layer);
            Assert.Equal(want.Inputs, got.Inputs);
            Assert.Equal(want.ModulePath, got.ModulePath);
            Assert.Equal(want.DisplayName, got.DisplayName);
        }
    }

    /// <summary>
    /// Every layer with weights sits at its graph path among the registered modules, and every registered layer module
    /// is at some node's path: the plan binds exactly the modules <c>register_module</c> named.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllModels))]
    public void TheGraphsModulePathsAreTheRegisteredNames(string name)
    {
        var (create, graph) = Generated[name];
        using var model = create();
        var inference = ShapeInference.Infer(graph);
        Assert.False(inference.HasErrors);
        var registered = model.named_modules()
            .Where(m => m.name.Length > 0 && m.module is not TorchSharp.Modules.ModuleDict<nn.Module>)
            .Select(m => m.name)
            .ToHashSet(StringComparer.Ordinal);
        var paths = graph.Nodes.Select(n => n.ModulePath).ToHashSet(StringComparer.Ordinal);
        foreach (var node in graph.Nodes.Where(n => inference.Nodes[n.Id].Weights.Count > 0))
        {
            Assert.Contains(node.ModulePath, registered);
        }
        Assert.Empty(registered.Except(paths));
        Assert.True(InferencePath.Supports(model));
    }

    /// <summary>ceil_mode with asymmetric pads has no plan step: the model keeps running its own forward (no exception).</summary>
    [Fact]
    public void AGraphThePlanCannotFollowFallsBackToTheModelsForward()
    {
        using var model = new CeilAsymmetricMax();
        Assert.True(InferencePath.Supports(model));
        Assert.Null(InferencePath.For(model));
        Assert.Null(InferencePath.For(model));
        using var x = randn(1, 2, 7, 9);
        using var y = model.forward(x);
        Assert.Equal(new long[] { 1, 2, 4, 5 }, y.shape);
        InferencePath.Invalidate(model);
    }

    [Fact]
    public void AModelWithErrorsClaimsNoGraph()
    {
        var broken = GeneratorHarness.Run(Sources.MnistConvNet.Replace("[Flatten]\n", ""));
        Assert.Empty(broken.CompileErrors);
        var brokenSource = broken.Source("Demo.MnistConvNet.g.cs");
        Assert.DoesNotContain("IInferenceGraph", brokenSource, StringComparison.Ordinal);
        Assert.DoesNotContain(" Graph ", brokenSource, StringComparison.Ordinal);

        var sound = GeneratorHarness.Run(Sources.MnistConvNet);
        Assert.Empty(sound.CompileErrors);
        Assert.Contains("global::ModelDsl.Runtime.Inference.IInferenceGraph", sound.Source("Demo.MnistConvNet.g.cs"), StringComparison.Ordinal);
    }

    /// <summary>max |expected - actual| / max |expected| within <see cref="Tolerance"/>.</summary>
    private static void RelativelyClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = expected.detach().to(ScalarType.Float64);
        var a = actual.detach().to(ScalarType.Float64);
        var scale = e.abs().max().item<double>();
        Assert.True(scale > 1e-6, $"{what}: the reference output is trivially zero.");
        var relative = (e - a).abs().max().item<double>() / scale;
        Assert.True(relative <= Tolerance, $"{what}: max |difference| / max |reference| = {relative:E2} > {Tolerance:E0}.");
    }

    /// <summary>Running statistics and affine parameters far from the fresh 1/0, so a folding mistake changes the outputs.</summary>
    private static void RandomiseBatchNorm(nn.Module model, int seed)
    {
        var g = new Generator((ulong)seed);
        using var noGrad = no_grad();
        foreach (var (_, module) in model.named_modules())
        {
            if (module is not TorchSharp.Modules.BatchNorm bn) continue;
            bn.running_mean!.copy_(randn(bn.running_mean.shape, generator: g) * 0.5);
            bn.running_var!.copy_(rand(bn.running_var.shape, generator: g) * 2 + 0.25);
            bn.weight!.copy_(rand(bn.weight.shape, generator: g) + 0.5);
            bn.bias!.copy_(randn(bn.bias.shape, generator: g) * 0.3);
        }
    }
}
