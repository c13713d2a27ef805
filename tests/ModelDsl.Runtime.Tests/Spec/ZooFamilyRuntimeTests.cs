using ModelDsl.Runtime.Spec;
using ModelDsl.Runtime.Tests.Support;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Spec;

/// <summary>
/// One member of each torchvision family built at run time from TorchSharp layers: torchvision's state_dict keys
/// and shapes, and a forward pass at 224x224 giving 1,000 class scores. The Spec tests check the same keys on the
/// IR; these catch what only building modules shows (e.g. a weightless module torchvision calls twice).
/// </summary>
public class ZooFamilyRuntimeTests
{
    [Theory]
    [InlineData("ResNet18", "torchvision_resnet18.keys.txt")]
    [InlineData("ResNeXt50_32x4d", "torchvision_resnext50_32x4d.keys.txt")]
    [InlineData("DenseNet121", "torchvision_densenet121.keys.txt")]
    [InlineData("SqueezeNet1_1", "torchvision_squeezenet1_1.keys.txt")]
    [InlineData("GoogLeNet", "torchvision_googlenet.keys.txt")]
    [InlineData("MobileNetV3Small", "torchvision_mobilenet_v3_small.keys.txt")]
    [InlineData("EfficientNetB0", "torchvision_efficientnet_b0.keys.txt")]
    [InlineData("ShuffleNetV2_x0_5", "torchvision_shufflenet_v2_x0_5.keys.txt")]
    [InlineData("MNASNet0_5", "torchvision_mnasnet0_5.keys.txt")]
    [InlineData("AlexNet", "torchvision_alexnet.keys.txt")]
    public void Family_member_builds_with_torchvision_keys_and_forwards_at_224(string name, string keysFile)
    {
        using var model = SpecModule.FromZoo(name);
        var expected = File.ReadAllLines(RepoPaths.TorchvisionKeys(keysFile)).Where(l => l.Length > 0).ToList();
        var actual = model.state_dict().Select(kv => $"{kv.Key} {(kv.Value.shape.Length == 0 ? "scalar" : string.Join("x", kv.Value.shape))}").ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));

        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var output = model.call(randn(1, 3, 224, 224, generator: new TorchSharp.torch.Generator(7)));
        Assert.Equal([1L, 1000L], output.shape);
        Assert.True(output.isfinite().all().item<bool>(), $"{name} produced non-finite scores");
    }

    [Fact]
    public void A_weightless_module_called_twice_is_registered_once_and_shared()
    {
        using var model = SpecModule.FromZoo("ResNet18");
        var reluCalls = model.Layers.Where(l => l.Path == "layer1.0.relu").ToList();
        Assert.Equal(2, reluCalls.Count);
        Assert.Same(reluCalls[0].Module, reluCalls[1].Module);
        Assert.Single(model.named_modules(), m => m.name == "layer1.0.relu");
    }
}
