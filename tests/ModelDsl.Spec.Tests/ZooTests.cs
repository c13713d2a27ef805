using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Zoo;

namespace ModelDsl.Spec.Tests;

/// <summary>The zoo's counts equal the published ones and its state_dict names equal torchvision's.</summary>
public class ZooTests
{
    private static InferenceResult Infer(string name, params (string Key, ArgValue Value)[] args)
    {
        var compilation = ModelZoo.Get(name, args.ToDictionary(a => a.Key, a => a.Value));
        Assert.Empty(compilation.Diagnostics);
        return compilation.Inference!;
    }

    private static IEnumerable<string> TorchvisionKeys(string file)
        => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", file)).Where(l => l.Length > 0);

    private static IEnumerable<string> OurKeys(InferenceResult result)
        => result.StateDict().Select(e => e.Key + " " + (e.Tensor.Shape.Count == 0 ? "scalar" : string.Join("x", e.Tensor.Shape)));

    [Fact]
    public void SeedConvnetMatchesTheSeedSummary()
    {
        var result = Infer("MnistConvNet");
        Assert.Equal(93322, result.KerasTotalParams);
        var withParams = result.Nodes.Where(n => n.KerasParams > 0).Select(n => n.KerasParams);
        Assert.Equal(new long[] { 320, 18496, 36928, 36928, 650 }, withParams);
        var shapes = result.Nodes.Skip(1).Select(n => n.OutputShape!.ToKerasString());
        Assert.Equal(new[]
        {
            "(None, 26, 26, 32)", "(None, 13, 13, 32)", "(None, 11, 11, 64)", "(None, 5, 5, 64)", "(None, 3, 3, 64)",
            "(None, 576)", "(None, 64)", "(None, 10)",
        }, shapes);
    }

    [Fact]
    public void Vgg16HasPublishedCountAndTorchvisionNames()
    {
        var result = Infer("VGG16");
        Assert.Equal(138357544, result.KerasTotalParams);
        Assert.Equal(138357544, result.TorchParams);
        Assert.Equal(TorchvisionKeys("torchvision_vgg16.keys.txt"), OurKeys(result));
    }

    [Fact]
    public void ResNet50TorchvisionFormMatchesKeysAndCount()
    {
        var result = Infer("ResNet50");
        Assert.Equal(25557032, result.TorchParams);
        Assert.Equal(TorchvisionKeys("torchvision_resnet50.keys.txt"), OurKeys(result));
    }

    [Fact]
    public void ContainersDescribeTheModuleTree()
    {
        var result = Infer("ResNet50");
        var containers = result.Graph.Containers.Select(c => c.Path + ":" + c.TypeName).ToList();
        Assert.Equal(4 + 16 + 4, containers.Count);
        Assert.Equal(new[] { "layer1:Sequential", "layer1.0:Bottleneck", "layer1.0.downsample:Sequential", "layer1.1:Bottleneck" }, containers.Take(4));
    }

    [Fact]
    public void ResNet50KerasFormHasKerasCounts()
    {
        var result = Infer("ResNet50", ("keras", ArgValue.OfBool(true)));
        Assert.Equal(25636712, result.KerasTotalParams);
        Assert.Equal(25583592, result.TrainableParams);
        Assert.Equal(53120, result.KerasNonTrainableParams);
    }

    [Fact]
    public void ResNet50KerasFormKeepsThePathsAndMovesTheStride()
    {
        var result = Infer("ResNet50", ("keras", ArgValue.OfBool(true)));
        var conv1 = result.Graph.Nodes.Single(n => n.ModulePath == "layer2.0.conv1").Layer;
        Assert.Equal(2, ((Conv2DLayer)conv1).Stride.H);
        var bn = (BatchNormalizationLayer)result.Graph.Nodes.Single(n => n.ModulePath == "layer2.0.bn1").Layer;
        Assert.Equal(1.001e-5, bn.Epsilon);
        var torchvisionKeys = TorchvisionKeys("torchvision_resnet50.keys.txt").Select(l => l.Split(' ')[0]).ToHashSet();
        Assert.All(result.StateDict(), e => Assert.True(torchvisionKeys.Contains(e.Key) || e.Key.EndsWith(".bias"), e.Key));
    }

    [Fact]
    public void MobileNetV2KerasFormHasTheSameCounts()
    {
        var result = Infer("MobileNetV2", ("keras", ArgValue.OfBool(true)));
        Assert.Equal(3538984, result.KerasTotalParams);
        Assert.Equal(3504872, result.TrainableParams);
        Assert.DoesNotContain(result.Graph.Nodes, n => n.Layer.Kind == LayerKind.Dropout);
        var first = (Conv2DLayer)result.Graph.Nodes[1].Layer;
        Assert.Equal(ModelDsl.Spec.Shapes.PaddingMode.Same, first.Padding.Mode);
        Assert.Equal(new ModelDsl.Spec.Shapes.Pads(0, 1, 0, 1), result.Nodes[1].ResolvedPads);
    }

    [Fact]
    public void MobileNetV2MatchesTorchvisionAndKerasCounts()
    {
        var result = Infer("MobileNetV2");
        Assert.Equal(3504872, result.TorchParams);
        Assert.Equal(3538984, result.KerasTotalParams);
        Assert.Equal(34112, result.KerasNonTrainableParams);
        Assert.Equal(TorchvisionKeys("torchvision_mobilenet_v2.keys.txt"), OurKeys(result));
    }

    [Theory]
    [InlineData("MnistConvNet", "(None, 3, 3, 64)")]
    [InlineData("VGG16", "(None, 7, 7, 512)")]
    [InlineData("ResNet50", "(None, 7, 7, 2048)")]
    [InlineData("MobileNetV2", "(None, 7, 7, 1280)")]
    public void IncludeTopFalseEndsAtTheFeatureMap(string name, string expected)
    {
        var result = Infer(name, ("include_top", ArgValue.OfBool(false)));
        Assert.Equal(expected, result.Output!.OutputShape!.ToKerasString());
    }

    [Theory]
    [InlineData("VGG16")]
    [InlineData("ResNet50")]
    [InlineData("MobileNetV2")]
    public void ClassesSetsTheHead(string name)
    {
        var result = Infer(name, ("classes", ArgValue.OfInt(7)));
        Assert.Equal("(None, 7)", result.Output!.OutputShape!.ToKerasString());
    }

    [Fact]
    public void ZooSpecsStayShort()
    {
        foreach (var name in ModelZoo.Names)
        {
            Assert.True(ModelZoo.TryGetSource(name, out var source));
            Assert.True(source.Split('\n').Length <= 42, name + " is longer than ~40 lines");
        }
    }
}
