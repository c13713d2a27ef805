using ModelDsl.Spec.Layers;
using ModelDsl.Torch;
using ModelDsl.Torch.Spec;

namespace ModelDsl.Transfer.Tests;

public class SpecModuleTests
{
    private static readonly string KeysDir = Path.Combine(RepoRoot(), "tests", "ModelDsl.Spec.Tests", "Fixtures");

    [Theory]
    [InlineData("VGG16", 138_357_544L, 0L)]
    [InlineData("ResNet50", 25_557_032L, 53_173L)]
    [InlineData("MobileNetV2", 3_504_872L, 34_164L)]
    [InlineData("MnistConvNet", 93_322L, 0L)]
    public void Zoo_models_hold_the_summary_counts_in_torch_convention(string name, long parameters, long buffers)
    {
        using var model = SpecModule.FromZoo(name, classes: name == "MnistConvNet" ? 10 : 1000);
        Assert.Equal(parameters, model.Parameters().Sum(Numel));
        Assert.Equal(buffers, model.NamedBuffers().Sum(b => Numel(b.Value)));
        Assert.Equal(model.Inference.TorchParams, parameters);
    }

    [Theory]
    [InlineData("VGG16", "torchvision_vgg16.keys.txt")]
    [InlineData("ResNet50", "torchvision_resnet50.keys.txt")]
    [InlineData("MobileNetV2", "torchvision_mobilenet_v2.keys.txt")]
    public void State_dict_keys_and_shapes_equal_torchvision(string name, string keysFile)
    {
        using var model = SpecModule.FromZoo(name);
        var expected = File.ReadAllLines(Path.Combine(KeysDir, keysFile)).Where(l => l.Length > 0).ToList();
        var actual = model.StateDict().Select(kv => $"{kv.Key} {(kv.Value.Shape.Length == 0 ? "scalar" : string.Join("x", kv.Value.Shape))}").ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Forward_walks_branches_with_add_and_concat_and_fused_activations()
    {
        const string spec = """
            model Branchy(input = 2x5x5) {
              c0: conv2d(4, 3, relu, padding=same)
              fork concat {
                a: conv2d(3, 1)
              } {
                b: conv2d(2, 3, stride=2, padding=same) > up: zeropad2d((0, 2, 0, 2)) > maxpool2d(2, stride=1, padding=same)
              }
              residual { d: depthwiseconv2d(3, padding=same) > bn: batchnorm }
              flatten > out: dense(3, softmax)
            }
            """;
        using var model = SpecModule.FromText(spec, "Branchy");
        model.Eval();
        using var x = Tensor.Randn(2, 2, 5, 5);
        using var y = model.Forward(x);
        Assert.Equal([2L, 3L], y.Shape);
        var rows = y.ToFloatArray();
        Assert.Equal(1.0, rows[0] + rows[1] + rows[2], 5);
        Assert.True(model.OutputIsProbabilities);
        using var logits = model.ForwardLogits(x);
        using var soft = ModelDsl.Torch.Nn.Functional.Softmax(logits, 1);
        Assert.Equal(y.ToFloatArray(), soft.ToFloatArray(), new FloatComparer(1e-6f));
        Assert.Contains("d.weight", model.StateDict().Keys);
        Assert.Contains("bn.running_var", model.StateDict().Keys);
    }

    [Fact]
    public void Same_padding_with_stride_uses_keras_asymmetric_pads()
    {
        // 'same' with stride 2 on an even input pads (0, 1): only the bottom and the right.
        using var model = SpecModule.FromText("model M(input = 1x4x4) { c: conv2d(1, 3, stride=2, padding=same, bias=false) }", "M");
        using (NoGradScope.Begin())
        {
            ModelDsl.Torch.Init.Initializers.Ones_(model.StateDict()["c.weight"]);
        }
        using var x = Tensor.FromArray(Enumerable.Range(1, 16).Select(i => (float)i).ToArray(), 1, 1, 4, 4);
        using var y = model.Forward(x);
        // Window at (0,0) covers rows 0-2 / cols 0-2; at (1,1) rows 2-3 / cols 2-3 plus zero pads.
        Assert.Equal([1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11, 3 + 4 + 7 + 8 + 11 + 12, 9 + 10 + 11 + 13 + 14 + 15, 11 + 12 + 15 + 16f], y.ToFloatArray());
    }

    [Fact]
    public void Same_max_pooling_pads_with_minus_infinity_not_zeros()
    {
        // pool 2, stride 2, 'same' on 3x3 pads (0, 1, 0, 1); zero padding would win over these negative values.
        using var model = SpecModule.FromText("model M(input = 1x3x3) { maxpool2d(2, stride=2, padding=same) }", "M");
        using var x = Tensor.FromArray(Enumerable.Range(1, 9).Select(i => (float)-i).ToArray(), 1, 1, 3, 3);
        using var y = model.Forward(x);
        Assert.Equal([-1f, -3f, -7f, -9f], y.ToFloatArray());
    }

    [Fact]
    public void Layers_that_return_their_input_leave_the_callers_tensor_alive()
    {
        using var model = SpecModule.FromText("model M(input = 4) { activation(linear) > dropout(0.5) > activation(linear) }", "M");
        model.Eval();
        using var x = Tensor.Ones(2, 4);
        using var y = model.Forward(x);
        Assert.Equal(8f, x.Sum().ToScalar(), 5);
        Assert.Equal(8f, y.Sum().ToScalar(), 5);
    }

    [Fact]
    public void BatchNorm_takes_torch_momentum_and_eps_from_the_spec()
    {
        using var model = SpecModule.FromText("model M(input = 3x2x2) { bn: batchnorm(eps=0.01, momentum=0.9) }", "M");
        var bn = Assert.IsType<ModelDsl.Torch.Nn.BatchNorm2d>(model.ModuleAt("bn"));
        Assert.Equal(0.01, bn.Eps, 12);
        Assert.Equal(0.1, bn.Momentum, 12);
    }

    [Fact]
    public void Bad_spec_and_bad_input_give_managed_errors_naming_the_problem()
    {
        var error = Assert.Throws<SpecModelException>(() => SpecModule.FromText("model M(input = 1x4x4) { dense(3) }", "M"));
        Assert.Contains("M", error.Message);
        using var model = SpecModule.FromZoo("MnistConvNet", classes: 10);
        using var wrong = Tensor.Zeros(1, 3, 28, 28);
        var shape = Assert.Throws<ShapeMismatchException>(() => model.Forward(wrong));
        Assert.Contains("3, 28, 28", shape.Message);
    }

    [Fact]
    public void A_registered_factory_builds_layer_kinds_torch_does_not_know()
    {
        var options = new SpecModuleOptions
        {
            Factories = new Dictionary<LayerKind, SpecLayerFactory> { [LayerKind.RandomFlip] = _ => new ModelDsl.Torch.Nn.Identity() },
        };
        using var model = SpecModule.FromText("model M(input = 3x8x8) { randomflip > flatten }", "M", options: options);
        using var x = Tensor.Ones(2, 3, 8, 8);
        using var y = model.Forward(x);
        Assert.Equal([2L, 192L], y.Shape);
    }

    [Fact]
    public void Transfer_registers_the_vision_augmentation_layers_for_specs()
    {
        VisionLayers.Register();
        using var model = SpecModule.FromText("model M(input = 3x8x8) { flip: randomflip(horizontal) > scale: rescaling(0.5) }", "M");
        Assert.IsType<ModelDsl.Vision.Layers.RandomFlip>(model.ModuleAt("flip"));
        model.Eval();
        using var x = Tensor.Ones(1, 3, 8, 8);
        using var y = model.Forward(x);
        Assert.All(y.ToFloatArray(), v => Assert.Equal(0.5f, v));
    }

    internal static long Numel(Tensor t) => t.Shape.Aggregate(1L, (a, d) => a * d);

    internal static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ModelDsl.sln"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Repository root not found.");
        return dir;
    }

    private sealed class FloatComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(float value) => 0;
    }
}
