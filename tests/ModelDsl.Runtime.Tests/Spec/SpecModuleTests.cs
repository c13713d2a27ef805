using ModelDsl.Runtime.Spec;
using ModelDsl.Spec.Layers;
using ModelDsl.Runtime.Tests.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Spec;

/// <summary>Spec-built models: graph walking, fused activations, logits, options, factories and errors.</summary>
public class SpecModuleTests
{
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
        model.eval();
        using var scope = NewDisposeScope();
        var x = randn(2, 2, 5, 5);
        var y = model.forward(x);
        Assert.Equal([2L, 3L], y.shape);
        Close.Assert(ones(2), y.sum(1), 1e-6, "softmax rows sum to 1");
        Assert.True(model.OutputIsProbabilities);
        Assert.True(model.HasLogits);
        var logits = model.ForwardLogits(x);
        Close.Assert(y, nn.functional.softmax(logits, 1), 1e-6, "softmax(ForwardLogits) = forward");
        var keys = model.state_dict().Keys;
        Assert.Contains("d.weight", keys);
        Assert.Contains("bn.running_var", keys);
        Assert.Contains("bn.num_batches_tracked", keys);
        Assert.IsType<Conv2d>(model.ModuleAt("d"));
        // Depthwise over the 3 + 2 concatenated channels.
        Assert.Equal(5L, ((Conv2d)model.ModuleAt("d")!).groups);
    }

    [Fact]
    public void Forward_gradients_reach_every_parameter()
    {
        using var model = SpecModule.FromText("model M(input = 1x6x6) { c: conv2d(2, 3, relu) > flatten > d: dense(3, softmax) }", "M");
        using var scope = NewDisposeScope();
        var loss = nn.functional.cross_entropy(model.ForwardLogits(randn(4, 1, 6, 6)), tensor(new long[] { 0, 1, 2, 0 }));
        loss.backward();
        Assert.All(model.parameters(), p => Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0));
    }

    [Fact]
    public void A_model_without_softmax_has_no_separate_logits()
    {
        using var model = SpecModule.FromText("model M(input = 4) { d: dense(2, sigmoid) }", "M");
        Assert.False(model.OutputIsProbabilities);
        Assert.False(((ILogitsModule)model).HasLogits);
        using var x = randn(3, 4);
        using var y = model.forward(x);
        using var logits = model.ForwardLogits(x);
        Close.Assert(y, logits, 0, "ForwardLogits = forward");
    }

    [Fact]
    public void A_final_softmax_layer_is_left_out_of_the_logits()
    {
        using var model = SpecModule.FromText("model M(input = 4) { d: dense(3) > activation(softmax) }", "M");
        using var scope = NewDisposeScope();
        var x = randn(2, 4);
        Close.Assert(model.forward(x), nn.functional.softmax(model.ForwardLogits(x), 1), 1e-6, "softmax(logits)");
        Close.Assert(nn.functional.linear(x, model.state_dict()["d.weight"], model.state_dict()["d.bias"]), model.ForwardLogits(x), 1e-6, "logits are the dense output");
    }

    [Fact]
    public void Layers_that_return_their_input_leave_the_callers_tensor_alive()
    {
        using var model = SpecModule.FromText("model M(input = 4) { activation(linear) > dropout(0.5) > activation(linear) }", "M");
        model.eval();
        using var x = ones(2, 4);
        using var y = model.forward(x);
        Assert.Equal(8f, x.sum().item<float>(), 5);
        Assert.Equal(8f, y.sum().item<float>(), 5);
    }

    [Fact]
    public void BatchNorm_takes_eps_and_torch_momentum_from_the_spec()
    {
        using var model = SpecModule.FromText("model M(input = 3x2x2) { bn: batchnorm(eps=0.01, momentum=0.9) }", "M");
        var bn = Assert.IsType<BatchNorm2d>(model.ModuleAt("bn"));
        Assert.Equal(0.01, bn.eps, 12);
        Assert.Equal(0.1, bn.momentum!.Value, 12);
        using var keras = SpecModule.FromText("model M(input = 3x2x2) { bn: batchnorm }", "M");
        var defaults = Assert.IsType<BatchNorm2d>(keras.ModuleAt("bn"));
        Assert.Equal(1e-3, defaults.eps, 12);
        Assert.Equal(0.01, defaults.momentum!.Value, 12);
    }

    [Fact]
    public void Train_mode_moves_running_statistics_by_the_torch_momentum()
    {
        using var model = SpecModule.FromText("model M(input = 1x2x2) { bn: batchnorm(momentum=0.9) }", "M");
        model.train();
        using var x = full(4, 1, 2, 2, 5f);
        using (no_grad()) model.forward(x).Dispose();
        // running_mean = 0.9·0 + 0.1·5 (Keras momentum 0.9 = PyTorch momentum 0.1).
        Assert.Equal(0.5f, model.state_dict()["bn.running_mean"].item<float>(), 5);
        Assert.Equal(1L, model.state_dict()["bn.num_batches_tracked"].item<long>());
        model.eval();
        Assert.False(model.ModuleAt("bn")!.training);
    }

    [Fact]
    public void Layers_are_numbered_the_keras_way_with_their_modules()
    {
        using var model = SpecModule.FromZoo("MnistConvNet", classes: 10);
        Assert.Equal(9, model.Layers.Count);
        Assert.Equal(LayerKind.Input, model.Layers[0].Kind);
        Assert.Null(model.Layers[0].Module);
        Assert.IsType<Conv2d>(model.Layers[1].Module);
        Assert.IsType<MaxPool2d>(model.Layers[2].Module);
        Assert.True(model.Layers[1].HasParameters);
        Assert.False(model.Layers[2].HasParameters);
        Assert.False(model.Layers[1].IsFrozen);
        foreach (var p in model.Layers[1].Module!.parameters()) p.requires_grad = false;
        Assert.True(model.Layers[1].IsFrozen);
        Assert.Equal([32, 26, 26], model.Layers[1].OutputShape!.Dims.ToArray());
    }

    [Fact]
    public void Bad_spec_gives_a_spec_model_exception_listing_the_error()
    {
        var error = Assert.Throws<SpecModelException>(() => SpecModule.FromText("model M(input = 1x4x4) { dense(3) }", "M"));
        Assert.Equal("M", error.Model);
        Assert.Contains("Spec model 'M' does not compile", error.Message);
        Assert.NotEmpty(error.Diagnostics);
        var unknown = Assert.Throws<SpecModelException>(() => SpecModule.FromZoo("ResNet51"));
        Assert.Contains("ResNet51", unknown.Message);
        var missing = Assert.Throws<SpecModelException>(() => SpecModule.FromText("model M(input = 4) { dense(3) }", "Other"));
        Assert.Contains("Other", missing.Message);
    }

    [Fact]
    public void A_layer_without_a_runtime_module_is_a_spec_model_exception_naming_the_layer_and_the_fix()
    {
        var error = Assert.Throws<SpecModelException>(() => SpecModule.FromText("model M(input = 3x8x8) { aug: randomrotation(0.1) > flatten }", "M"));
        Assert.Contains("'aug'", error.Message);
        Assert.Contains("SpecLayerFactories.Register", error.Message);
    }

    [Fact]
    public void Wrong_input_shape_gives_a_shape_mismatch_naming_both_shapes()
    {
        using var model = SpecModule.FromZoo("MnistConvNet", classes: 10);
        using var wrong = zeros(1, 3, 28, 28);
        var shape = Assert.Throws<ShapeMismatchException>(() => model.forward(wrong));
        Assert.Contains("(N, 1, 28, 28)", shape.Message);
        Assert.Contains("(1, 3, 28, 28)", shape.Message);
    }

    [Fact]
    public void A_factory_in_the_options_builds_layer_kinds_the_runtime_does_not_know()
    {
        var options = new SpecModuleOptions
        {
            Factories = new Dictionary<LayerKind, SpecLayerFactory> { [LayerKind.RandomFlip] = _ => nn.Identity() },
        };
        using var model = SpecModule.FromText("model M(input = 3x8x8) { flip: randomflip > flatten }", "M", options: options);
        Assert.IsType<Identity>(model.ModuleAt("flip"));
        using var x = ones(2, 3, 8, 8);
        using var y = model.forward(x);
        Assert.Equal([2L, 192L], y.shape);
    }

    [Fact]
    public void A_registered_factory_is_used_process_wide_and_may_decline()
    {
        // RandomTranslation only: other tests rely on the built-in modules of the kinds they use.
        SpecLayerFactories.Register(LayerKind.RandomTranslation, c => c.Node.ModulePath == "t" ? new Scale(2) : null);
        using var model = SpecModule.FromText("model M(input = 1x4x4) { t: randomtranslation(0.1, 0.1) }", "M");
        Assert.IsType<Scale>(model.ModuleAt("t"));
        using var y = model.forward(ones(1, 1, 4, 4));
        Assert.Equal(32f, y.sum().item<float>());
        var declined = Assert.Throws<SpecModelException>(() => SpecModule.FromText("model M(input = 1x4x4) { u: randomtranslation(0.1, 0.1) }", "M"));
        Assert.Contains("'u'", declined.Message);
    }

    [Fact]
    public void Rescaling_and_reshape_have_built_in_modules()
    {
        using var model = SpecModule.FromText("model M(input = 12) { s: rescaling(0.5, offset=1) > r: reshape(3x2x2) }", "M");
        using var y = model.forward(ones(2, 12));
        Assert.Equal([2L, 3, 2, 2], y.shape);
        Assert.All(y.data<float>().ToArray(), v => Assert.Equal(1.5f, v));
    }

    [Fact]
    public void Global_pooling_flattens_to_channels()
    {
        using var model = SpecModule.FromText("model M(input = 3x4x4) { fork concat { globalavgpool2d } { globalmaxpool2d } }", "M");
        using var x = arange(96, dtype: float32).reshape(2, 3, 4, 4);
        using var y = model.forward(x);
        Assert.Equal([2L, 6L], y.shape);
        Assert.Equal(7.5f, y[0, 0].item<float>());
        Assert.Equal(15f, y[0, 3].item<float>());
    }

    private sealed class Scale(double factor) : nn.Module<Tensor, Tensor>("Scale")
    {
        public override Tensor forward(Tensor input) => input.mul(factor);
    }
}
