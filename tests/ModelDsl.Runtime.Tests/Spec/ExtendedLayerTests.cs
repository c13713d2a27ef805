using ModelDsl.Runtime.Spec;
using ModelDsl.Runtime.Tests.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Spec;

/// <summary>The layer kinds of the newer zoo families (MobileNetV3, EfficientNet, ShuffleNet) as TorchSharp modules.</summary>
public class ExtendedLayerTests
{
    [Fact]
    public void Squeeze_excitation_fork_multiplies_the_input_by_its_broadcast_gate()
    {
        const string spec = """
            model Se(input = 4x5x5) {
              fork mul { } { pool: adaptiveavgpool2d(1) > fc: conv2d(4, 1) > gate: hardsigmoid }
            }
            """;
        using var model = SpecModule.FromText(spec, "Se");
        using var scope = NewDisposeScope();
        var x = randn(2, 4, 5, 5);
        var fc = Assert.IsType<Conv2d>(model.ModuleAt("fc"));
        Assert.IsType<AdaptiveAvgPool2d>(model.ModuleAt("pool"));
        var gate = nn.functional.hardsigmoid(fc.call(nn.functional.adaptive_avg_pool2d(x, [1, 1])));
        Close.Assert(x * gate, model.forward(x), 1e-6, "x * hardsigmoid(fc(pool(x)))");
    }

    [Theory]
    [InlineData("silu")]
    [InlineData("hardswish")]
    [InlineData("hardsigmoid")]
    [InlineData("gelu")]
    public void Activation_layers_are_torchsharps(string layer)
    {
        using var model = SpecModule.FromText($"model M(input = 3x4x4) {{ a: {layer} }}", "M");
        using var scope = NewDisposeScope();
        var x = randn(2, 3, 4, 4) * 4;
        var expected = layer switch
        {
            "silu" => x * sigmoid(x),
            "hardswish" => x * nn.functional.relu6(x + 3) / 6,
            "hardsigmoid" => nn.functional.relu6(x + 3) / 6,
            _ => 0.5 * x * (1 + special.erf(x / Math.Sqrt(2))),
        };
        Close.Assert(expected, model.forward(x), 1e-5, layer);
    }

    [Fact]
    public void Channel_shuffle_interleaves_the_groups()
    {
        using var model = SpecModule.FromText("model M(input = 6x1x1) { channelshuffle(2) }", "M");
        using var x = arange(6, dtype: float32).reshape(1, 6, 1, 1);
        using var y = model.forward(x);
        Assert.Equal([0f, 3, 1, 4, 2, 5], y.data<float>().ToArray());
    }

    [Fact]
    public void Chunks_split_the_channels_and_concat_rejoins_them()
    {
        using var model = SpecModule.FromText("model M(input = 4x2x2) { fork concat { chunk(2, 1) } { chunk(2, 0) } }", "M");
        using var x = arange(16, dtype: float32).reshape(1, 4, 2, 2);
        using var y = model.forward(x);
        Assert.Equal([8f, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7], y.data<float>().ToArray());
    }

    [Fact]
    public void Adaptive_max_pooling_reaches_the_declared_output_size()
    {
        using var model = SpecModule.FromText("model M(input = 1x4x4) { adaptivemaxpool2d(2) }", "M");
        using var x = arange(16, dtype: float32).reshape(1, 1, 4, 4);
        using var y = model.forward(x);
        Assert.Equal([5f, 7, 13, 15], y.data<float>().ToArray());
    }

    [Fact]
    public void Ceil_mode_pooling_keeps_the_last_partial_window()
    {
        using var model = SpecModule.FromText("model M(input = 1x6x6) { p: maxpool2d(3, stride=2, ceil_mode=true) > a: avgpool2d(2, stride=2, ceil_mode=true) }", "M");
        using var scope = NewDisposeScope();
        var x = randn(1, 1, 6, 6);
        var expected = nn.functional.avg_pool2d(nn.functional.max_pool2d(x, [3, 3], [2, 2], ceil_mode: true), [2, 2], [2, 2], ceil_mode: true);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, expected.shape);
        Close.Assert(expected, model.forward(x), 1e-6, "ceil-mode pooling");
        Assert.Equal([1, 2, 2], model.Layers[^1].OutputShape!.Dims.ToArray());
    }

    [Fact]
    public void Stochastic_depth_is_identity_in_eval_and_drops_whole_samples_in_training()
    {
        using var model = SpecModule.FromText("model M(input = 8) { sd: stochasticdepth(0.5) }", "M");
        using var scope = NewDisposeScope();
        var x = ones(4000, 8);
        model.eval();
        Close.Assert(x, model.forward(x), 0, "eval: identity");
        model.train();
        var y = model.forward(x);
        // Each row is all 0 or all 1/(1-p) = 2.
        var rows = y.sum(1).data<float>().ToArray();
        Assert.All(rows, r => Assert.True(r == 0 || r == 16, $"row sum {r}"));
        var kept = rows.Count(r => r > 0) / 4000.0;
        Assert.InRange(kept, 0.45, 0.55);
    }

    [Fact]
    public void Batch_mode_stochastic_depth_drops_the_whole_batch_or_none()
    {
        using var model = SpecModule.FromText("model M(input = 8) { sd: stochasticdepth(0.5, batch) }", "M");
        model.train();
        using var scope = NewDisposeScope();
        var sums = Enumerable.Range(0, 50).Select(_ => model.forward(ones(3, 8)).sum().item<float>()).ToArray();
        Assert.All(sums, s => Assert.True(s == 0 || s == 48, $"batch sum {s}"));
        Assert.Contains(sums, s => s == 0);
        Assert.Contains(sums, s => s == 48);
    }
}
