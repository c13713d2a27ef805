using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Zoo;

namespace ModelDsl.Spec.Tests;

/// <summary>
/// The torchvision families in the zoo: state_dict keys and shapes, parameter count and output shapes
/// at 224x224 and 256x256 equal torchvision 0.14's (Fixtures/make_torchvision_keys.py wrote the lists).
/// </summary>
public class FamilyZooTests
{
    public static TheoryData<string, string> Families => new()
    {
        { "VGG11", "vgg11" }, { "VGG11BN", "vgg11_bn" }, { "VGG13", "vgg13" }, { "VGG13BN", "vgg13_bn" }, { "VGG16BN", "vgg16_bn" },
        { "VGG19", "vgg19" }, { "VGG19BN", "vgg19_bn" },
        { "ResNet18", "resnet18" }, { "ResNet34", "resnet34" }, { "ResNet101", "resnet101" }, { "ResNet152", "resnet152" },
        { "ResNeXt50_32x4d", "resnext50_32x4d" }, { "ResNeXt101_32x8d", "resnext101_32x8d" },
        { "WideResNet50_2", "wide_resnet50_2" }, { "WideResNet101_2", "wide_resnet101_2" },
        { "DenseNet121", "densenet121" }, { "DenseNet161", "densenet161" }, { "DenseNet169", "densenet169" }, { "DenseNet201", "densenet201" },
        { "SqueezeNet1_0", "squeezenet1_0" }, { "SqueezeNet1_1", "squeezenet1_1" },
        { "MobileNetV3Large", "mobilenet_v3_large" }, { "MobileNetV3Small", "mobilenet_v3_small" }, { "EfficientNetB0", "efficientnet_b0" },
        { "ShuffleNetV2_x0_5", "shufflenet_v2_x0_5" }, { "ShuffleNetV2_x1_0", "shufflenet_v2_x1_0" }, { "ShuffleNetV2_x1_5", "shufflenet_v2_x1_5" },
        { "ShuffleNetV2_x2_0", "shufflenet_v2_x2_0" }, { "MNASNet0_5", "mnasnet0_5" }, { "MNASNet0_75", "mnasnet0_75" }, { "MNASNet1_0", "mnasnet1_0" },
        { "MNASNet1_3", "mnasnet1_3" }, { "GoogLeNet", "googlenet" },
        { "AlexNet", "alexnet" },
    };

    private static string Fixture(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", file);

    private static InferenceResult Infer(string name, int size = 224)
    {
        var args = new Dictionary<string, ArgValue> { ["input"] = ArgValue.OfTuple(null, 3, size, size) };
        var compilation = ModelZoo.Get(name, args);
        Assert.True(compilation.Diagnostics.Count == 0, string.Join("\n", compilation.Diagnostics.Select(d => d.ToStringWithNotes())));
        return compilation.Inference!;
    }

    private static string[] Counts(string torchvisionName)
        => File.ReadAllLines(Fixture("torchvision_counts.txt")).Select(l => l.Split(' ')).Single(p => p[0] == torchvisionName);

    [Theory]
    [MemberData(nameof(Families))]
    public void StateDictKeysAndShapesEqualTorchvision(string zooName, string torchvisionName)
    {
        var expected = File.ReadAllLines(Fixture("torchvision_" + torchvisionName + ".keys.txt")).Where(l => l.Length > 0);
        var ours = Infer(zooName).StateDict().Select(e => e.Key + " " + (e.Tensor.Shape.Count == 0 ? "scalar" : string.Join("x", e.Tensor.Shape)));
        Assert.Equal(expected, ours);
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void ParameterCountAndOutputsEqualTorchvision(string zooName, string torchvisionName)
    {
        var counts = Counts(torchvisionName);
        var at224 = Infer(zooName);
        Assert.Equal(long.Parse(counts[1]), at224.TorchParams);
        Assert.Equal(counts[2], string.Join("x", at224.Output!.OutputShape!.Dims));
        // Adaptive pooling (or global pooling) keeps the head valid at another input size.
        var at256 = Infer(zooName, 256);
        Assert.Equal(counts[3], string.Join("x", at256.Output!.OutputShape!.Dims));
        Assert.Equal(at224.TorchParams, at256.TorchParams);
    }

    [Fact]
    public void FamilySpecsStayWithinThirtyLines()
    {
        foreach (var name in Families.Select(row => (string)row[0]))
        {
            Assert.True(ModelZoo.TryGetSource(name, out var source));
            Assert.True(source.TrimEnd('\n').Split('\n').Length <= 30, name + "'s spec is longer than 30 lines");
        }
    }
}
