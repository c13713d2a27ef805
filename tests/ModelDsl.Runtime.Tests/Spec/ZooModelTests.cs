using ModelDsl.Runtime.Spec;
using ModelDsl.Runtime.Tests.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Spec;

/// <summary>The zoo built from TorchSharp layers: the seed's and torchvision's counts, state_dict names and shapes, forward shapes.</summary>
public class ZooModelTests
{
    [Theory]
    [InlineData("VGG16", 138_357_544L, 0L)]
    [InlineData("ResNet50", 25_557_032L, 53_173L)]
    [InlineData("MobileNetV2", 3_504_872L, 34_164L)]
    [InlineData("MnistConvNet", 93_322L, 0L)]
    public void Zoo_models_hold_the_summary_counts_in_torch_convention(string name, long parameters, long buffers)
    {
        using var model = SpecModule.FromZoo(name, classes: name == "MnistConvNet" ? 10 : 1000);
        Assert.Equal(parameters, model.parameters().Sum(p => p.numel()));
        Assert.Equal(buffers, model.buffers().Sum(b => b.numel()));
        Assert.Equal(model.Inference.TorchParams, parameters);
    }

    [Fact]
    public void Seed_convnet_state_dict_has_the_seeds_layers_by_name_and_shape()
    {
        using var model = SpecModule.FromZoo("MnistConvNet", classes: 10);
        var actual = model.state_dict().ToDictionary(kv => kv.Key, kv => string.Join("x", kv.Value.shape));
        var names = model.Layers.Where(l => l.HasParameters).Select(l => l.Path).ToArray();
        Assert.Equal(5, names.Length);
        var expected = new[] { "32x1x3x3", "32", "64x32x3x3", "64", "64x64x3x3", "64", "64x576", "64", "10x64", "10" };
        var keys = names.SelectMany(n => new[] { n + ".weight", n + ".bias" }).ToArray();
        Assert.Equal(keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected, keys.Select(k => actual[k]));
        Assert.Equal([320L, 18_496, 36_928, 36_928, 650], names.Select(n => model.ModuleAt(n)!.parameters().Sum(p => p.numel())));
        Assert.IsType<Linear>(model.ModuleAt(names[^1]));
    }

    [Theory]
    [InlineData("VGG16", "torchvision_vgg16.keys.txt")]
    [InlineData("ResNet50", "torchvision_resnet50.keys.txt")]
    [InlineData("MobileNetV2", "torchvision_mobilenet_v2.keys.txt")]
    public void State_dict_keys_and_shapes_equal_python_torchvision(string name, string keysFile)
    {
        using var model = SpecModule.FromZoo(name);
        var expected = File.ReadAllLines(RepoPaths.TorchvisionKeys(keysFile)).Where(l => l.Length > 0).ToList();
        var actual = model.state_dict().Select(kv => $"{kv.Key} {(kv.Value.shape.Length == 0 ? "scalar" : string.Join("x", kv.Value.shape))}").ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Torchvision_style_paths_are_real_torchsharp_layers_in_module_dicts()
    {
        using var resnet = SpecModule.FromZoo("ResNet50");
        Assert.IsType<Conv2d>(resnet.ModuleAt("layer1.0.conv1"));
        Assert.IsType<BatchNorm2d>(resnet.ModuleAt("layer1.0.downsample.1"));
        Assert.IsType<ModuleDict<nn.Module>>(resnet.ModuleAt("layer1"));
        Assert.IsType<Linear>(resnet.ModuleAt("fc"));
        Assert.Equal(1e-5, ((BatchNorm2d)resnet.ModuleAt("bn1")!).eps, 12);
        Assert.Equal(0.1, ((BatchNorm2d)resnet.ModuleAt("bn1")!).momentum!.Value, 12);
        Assert.Null(resnet.ModuleAt("layer9"));
    }

    [Theory]
    [InlineData("MnistConvNet", 1, 28, true, new long[] { 3, 10 })]
    [InlineData("MobileNetV2", 3, 96, false, new long[] { 3, 1280, 3, 3 })]
    [InlineData("ResNet50", 3, 64, false, new long[] { 3, 2048, 2, 2 })]
    public void Forward_gives_the_inferred_output_shape(string name, int channels, int size, bool includeTop, long[] expected)
    {
        var args = new Dictionary<string, object> { ["input"] = $"{channels}x{size}x{size}" };
        using var model = SpecModule.FromZoo(name, includeTop, classes: name == "MnistConvNet" ? 10 : 1000, args: args);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var y = model.forward(randn(3, channels, size, size));
        Assert.Equal(expected, y.shape);
        Assert.Equal(expected.Skip(1).Select(d => (int)d), model.Layers[^1].OutputShape!.Dims);
    }

    [Theory]
    [InlineData("MobileNetV3Small")]
    [InlineData("EfficientNetB0")]
    [InlineData("ShuffleNetV2_x0_5")]
    [InlineData("SqueezeNet1_1")]
    [InlineData("GoogLeNet")]
    [InlineData("DenseNet121")]
    public void Newer_zoo_families_build_from_torchsharp_layers_and_run(string name)
    {
        // The constructor checks the built parameter and buffer counts against the summary's.
        using var model = SpecModule.FromZoo(name, classes: 10);
        model.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var y = model.forward(randn([1, .. model.InputShape.Dims.Select(d => (long)d)]));
        Assert.Equal(new long[] { 1, 10 }, y.shape);
        Assert.True(y.isfinite().all().item<bool>(), $"{name}: finite outputs");
    }

    [Fact]
    public void Classifier_forward_is_the_softmax_of_forward_logits()
    {
        using var model = SpecModule.FromZoo("MnistConvNet", classes: 10);
        model.eval();
        using var scope = NewDisposeScope();
        var x = rand(4, 1, 28, 28);
        var probabilities = model.forward(x);
        var logits = model.ForwardLogits(x);
        Close.Assert(probabilities, nn.functional.softmax(logits, 1), 1e-6, "softmax(logits)");
        Close.Assert(ones(4), probabilities.sum(1), 1e-5, "rows sum to 1");
        Assert.True(logits.max().item<float>() > 1e-3 || logits.min().item<float>() < -1e-3, "logits are not trivially zero");
    }
}
