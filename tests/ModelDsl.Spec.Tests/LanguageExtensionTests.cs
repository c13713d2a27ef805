using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Layers;

namespace ModelDsl.Spec.Tests;

/// <summary>The constructs of issue 14: loops with an index, computed labels, lists, macros, defaults, reuse, new layers.</summary>
public class LanguageExtensionTests
{
    private static InferenceResult Compile(string source)
    {
        var result = SpecCompiler.Compile(source, "t.mdsl");
        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics.Select(d => d.ToStringWithNotes())));
        return result.Models[0].Inference!;
    }

    private static string[] Keys(InferenceResult r) => r.StateDict().Select(e => e.Key).ToArray();

    private static string Shape(InferenceResult r) => string.Join("x", r.Output!.OutputShape!.Dims);

    [Fact]
    public void RepeatWithIndexComputesLabels()
    {
        var r = Compile("model M(input = 4x8x8) {\n  block1: { repeat i in 1..3 { \"layer{i}\": conv2d(4, 1) } }\n}\n");
        Assert.Equal(new[] { "block1.layer1.weight", "block1.layer1.bias", "block1.layer2.weight", "block1.layer2.bias", "block1.layer3.weight", "block1.layer3.bias" }, Keys(r));
    }

    [Fact]
    public void ComputedGroupLabelsAndNameArgumentsUseTheIndex()
    {
        var r = Compile("model M(input = 4x8x8) {\n  repeat i in 0..1 { \"stage{i + 1}\": { conv2d(4, 1, name=\"c\" + i) } }\n}\n");
        Assert.Equal(new[] { "stage1.c0.weight", "stage1.c0.bias", "stage2.c1.weight", "stage2.c1.bias" }, Keys(r));
    }

    [Fact]
    public void NameArgumentTakesAParameterValue()
    {
        var r = Compile("block B(lbl) { conv2d(4, 1, name=lbl) }\nmodel M(input = 4x8x8) { B(\"first\", name=b) }\n");
        Assert.Equal("b.first.weight", Keys(r)[0]);
        // A bare name that is not a parameter is still taken literally.
        Assert.Equal("x.weight", Keys(Compile("model M(input = 4x8x8) { conv2d(4, 1, name=x) }\n"))[0]);
    }

    [Fact]
    public void ListsIndexingAndLoopsOverLists()
    {
        var r = Compile("model M(input = 3x32x32, cfg = [8, \"M\", [16, 2]]) {\n  repeat v in cfg {\n"
            + "    if v == \"M\" { maxpool2d(2) } else if len(cfg) == 3 and v == 8 { conv2d(v, 3, padding=1) } else { conv2d(v[0], 3, stride=v[-1]) }\n  }\n}\n");
        Assert.Equal("16x7x7", Shape(r));
        Assert.Equal(new[] { LayerKind.Conv2D, LayerKind.MaxPool2D, LayerKind.Conv2D }, r.Graph.Nodes.Skip(1).Select(n => n.Layer.Kind));
    }

    [Fact]
    public void BuiltInFunctions()
    {
        var r = Compile("model M(input = 3x8x8) { conv2d(make_divisible(16 * 0.75, 8), 1) > conv2d(max(2, 5), 1) > conv2d(int(7.9) - min(3, 4), 1) }\n");
        var convs = r.Graph.Nodes.Skip(1).Select(n => ((Conv2DLayer)n.Layer).Filters);
        Assert.Equal(new[] { 16, 5, 4 }, convs);
    }

    [Fact]
    public void MacroExpandsIntoTheCallersScope()
    {
        var source = "macro BN() { batchnorm(eps=0.00001, momentum=0.9) }\nblock Blk() { conv1: conv2d(4, 1) > bn1: BN() }\nmodel M(input = 4x8x8) { Blk() }\n";
        var r = Compile(source);
        Assert.Contains("0.bn1.weight", Keys(r));
        Assert.DoesNotContain(Keys(r), k => k.StartsWith("0.bn1.0", StringComparison.Ordinal));
        Assert.Single(r.Graph.Containers);
    }

    [Fact]
    public void DefaultsApplyUnlessACallSetsTheArgument()
    {
        var r = Compile("defaults batchnorm(eps=0.00001, momentum=0.9)\nmodel M(input = 4x8x8) {\n  batchnorm\n  batchnorm(eps=0.1)\n  batchnorm(0.2)\n}\n");
        var bns = r.Graph.Nodes.Skip(1).Select(n => (BatchNormalizationLayer)n.Layer).ToList();
        Assert.Equal(new[] { 0.00001, 0.1, 0.2 }, bns.Select(b => b.Epsilon));
        Assert.All(bns, b => Assert.Equal(0.9, b.Momentum));
    }

    [Fact]
    public void DefaultsInABodyHoldUntilItsEnd()
    {
        var r = Compile("model M(input = 4x8x8) {\n  g: { defaults conv2d(bias=false) > conv2d(4, 1) }\n  conv2d(4, 1)\n}\n");
        Assert.Equal(new[] { "g.0.weight", "1.weight", "1.bias" }, Keys(r));
    }

    [Fact]
    public void AWeightlessLabelledLayerMayBeUsedAgain()
    {
        var r = Compile("model M(input = 4x8x8) { conv1: conv2d(4, 3, padding=1) > relu: relu > conv2: conv2d(4, 3, padding=1) > relu: relu }\n");
        Assert.Equal(2, r.Graph.Nodes.Count(n => n.ModulePath == "relu"));
        var bad = SpecCompiler.Compile("model M(input = 4x8x8) { c: conv2d(4, 1) > c: conv2d(4, 1) }\n", "t.mdsl");
        Assert.Contains(bad.Diagnostics, d => d.Id == "MDSL006");
    }

    [Theory]
    [InlineData("adaptiveavgpool2d(7)", "8x7x7")]
    [InlineData("adaptiveavgpool2d((2, 3))", "8x2x3")]
    [InlineData("adaptivemaxpool2d(1)", "8x1x1")]
    [InlineData("maxpool2d(2, stride=2, ceil_mode=true)", "8x7x7")]
    [InlineData("maxpool2d(2, stride=2)", "8x6x6")]
    [InlineData("avgpool2d(2, ceil_mode=true)", "8x7x7")]
    [InlineData("silu", "8x13x13")]
    [InlineData("swish", "8x13x13")]
    [InlineData("hardswish", "8x13x13")]
    [InlineData("hardsigmoid", "8x13x13")]
    [InlineData("gelu", "8x13x13")]
    [InlineData("channelshuffle(2)", "8x13x13")]
    [InlineData("stochasticdepth(0.2)", "8x13x13")]
    [InlineData("stochasticdepth(0.1, batch)", "8x13x13")]
    [InlineData("chunk(2, 1)", "4x13x13")]
    public void NewLayersInferShapesWithoutWeights(string layer, string expected)
    {
        var r = Compile("model M(input = 8x13x13) { " + layer + " }\n");
        Assert.Equal(expected, Shape(r));
        Assert.Equal(0, r.TorchParams);
        Assert.Equal(0, r.MultAdds);
    }

    [Fact]
    public void CeilModeMatchesPyTorchsRuleForTheLastWindow()
    {
        // PyTorch: 5 -> ceil((5 + 2 - 2) / 2) + 1 = 4, but the 4th window would start in the right pad: 3.
        Assert.Equal("1x3x3", Shape(Compile("model M(input = 1x5x5) { maxpool2d(2, stride=2, padding=1, ceil_mode=true) }\n")));
        Assert.Equal("1x4x4", Shape(Compile("model M(input = 1x6x6) { maxpool2d(2, stride=2, padding=1, ceil_mode=true) }\n")));
        Assert.Equal("1x55x55", Shape(Compile("model M(input = 1x111x111) { maxpool2d(3, stride=2, ceil_mode=true) }\n")));
        Assert.Equal("1x56x56", Shape(Compile("model M(input = 1x112x112) { maxpool2d(3, stride=2, ceil_mode=true) }\n")));
        var pool = (MaxPool2DLayer)Compile("model M(input = 1x8x8) { maxpool2d(3, ceil_mode=true) }\n").Graph.Nodes[1].Layer;
        Assert.True(pool.CeilMode);
    }

    [Fact]
    public void MultiplyMergeBroadcastsSqueezeAndExcitation()
    {
        var r = Compile("model M(input = 16x8x8) {\n  fork mul { } { avgpool: adaptiveavgpool2d(1) > fc1: conv2d(4, 1) > relu > fc2: conv2d(16, 1) > hardsigmoid }\n}\n");
        Assert.Equal("16x8x8", Shape(r));
        Assert.Equal(new[] { "avgpool", "fc1", "fc1", "fc2", "fc2" }.Zip(new[] { "", ".weight", ".bias", ".weight", ".bias" }).Skip(1).Select(p => p.First + p.Second), Keys(r));
        Assert.Equal(LayerKind.Multiply, r.Graph.Output!.Layer.Kind);
        Assert.Equal(16 * 4 + 4 + 4 * 16 + 16, r.TorchParams);
    }

    [Fact]
    public void NewLayerKindsAreInTheCatalogueWithTorchNames()
    {
        var expected = new Dictionary<string, string>
        {
            ["adaptiveavgpool2d"] = "AdaptiveAvgPool2d", ["adaptivemaxpool2d"] = "AdaptiveMaxPool2d", ["silu"] = "SiLU", ["hardswish"] = "Hardswish",
            ["hardsigmoid"] = "Hardsigmoid", ["gelu"] = "GELU", ["mul"] = "Mul", ["channelshuffle"] = "ChannelShuffle", ["stochasticdepth"] = "StochasticDepth", ["chunk"] = "Chunk",
        };
        foreach (var (keyword, torch) in expected)
        {
            Assert.True(LayerCatalog.TryGet(keyword, out var d), keyword);
            Assert.Equal(torch, d.TorchType);
        }
        Assert.True(new StochasticDepthLayer(0.2, "row").IsTrainingOnly);
    }

    [Fact]
    public void MacroLabelNamesItsFirstModuleAndTheRestAreNumbered()
    {
        var r = Compile("macro ConvBN(f) { conv2d(f, 3, padding=1, bias=false) > batchnorm > relu }\n"
            + "block Stem(w) { conv1: conv2d(w, 3, padding=1) > bn1: batchnorm > tail: ConvBN(w) }\nmodel M(input = 3x8x8) { Stem(4) }\n");
        Assert.Equal(new[] { "0.conv1", "0.bn1", "0.tail", "0.3", "0.4" }, r.Graph.Nodes.Skip(1).Select(n => n.ModulePath));
    }

    [Fact]
    public void StateDictCountsEntries()
    {
        var r = Compile("model M(input = 3x8x8) { conv2d(4, 3, bias=false) > batchnorm > flatten > dense(2) }\n");
        Assert.Equal(1 + 5 + 2, r.StateDict().Count());
    }
}
