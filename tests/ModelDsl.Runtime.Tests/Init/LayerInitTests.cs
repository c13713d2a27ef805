using ModelDsl.Runtime.Init;
using ModelDsl.Runtime.Spec;
using ModelDsl.Runtime.Tests.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Init;

/// <summary>Keras's and PyTorch's default initialisation: bounds and spreads follow the published formulas (large tensors, 2-5% slack).</summary>
public class LayerInitTests
{
    private static (double Min, double Max, double Std) Stats(Tensor t)
    {
        var v = t.detach().data<float>().ToArray();
        var mean = v.Average(x => (double)x);
        return (v.Min(), v.Max(), Math.Sqrt(v.Average(x => (x - mean) * (x - mean))));
    }

    [Fact]
    public void Keras_policy_gives_glorot_uniform_kernels_and_zero_biases()
    {
        using var dense = nn.Linear(512, 256);
        LayerInit.InitLayer(dense.weight!, dense.bias, InitPolicy.Keras);
        var bound = Math.Sqrt(6.0 / (512 + 256));
        var (min, max, std) = Stats(dense.weight!);
        Assert.InRange(min, -bound, -bound * 0.99);
        Assert.InRange(max, bound * 0.99, bound);
        Assert.Equal(bound / Math.Sqrt(3), std, bound * 0.02);
        Assert.All(dense.bias!.data<float>().ToArray(), b => Assert.Equal(0f, b));
        Assert.True(dense.weight!.requires_grad, "initialisation runs under no_grad and keeps the parameter trainable");
    }

    [Fact]
    public void Keras_fans_of_a_conv_kernel_count_the_receptive_field()
    {
        using var conv = nn.Conv2d(64, 128, 3);
        LayerInit.InitLayer(conv.weight!, conv.bias, InitPolicy.Keras);
        // fan_in = 64·9, fan_out = 128·9, as Keras computes them for a 3x3 kernel.
        var bound = Math.Sqrt(6.0 / (64 * 9 + 128 * 9));
        var (min, max, std) = Stats(conv.weight!);
        Assert.InRange(max, bound * 0.99, bound);
        Assert.InRange(min, -bound, -bound * 0.99);
        Assert.Equal(bound / Math.Sqrt(3), std, bound * 0.02);
    }

    [Fact]
    public void PyTorch_policy_gives_kaiming_uniform_with_bias_in_one_over_root_fan_in()
    {
        using var dense = nn.Linear(400, 300);
        LayerInit.InitLayer(dense.weight!, dense.bias, InitPolicy.PyTorch);
        // kaiming_uniform(a = √5) gives bound 1/√fan_in, and the bias shares it.
        var bound = 1 / Math.Sqrt(400);
        var (_, max, std) = Stats(dense.weight!);
        Assert.InRange(max, bound * 0.98, bound);
        Assert.Equal(bound / Math.Sqrt(3), std, bound * 0.05);
        var bias = Stats(dense.bias!);
        Assert.InRange(bias.Max, bound * 0.5, bound);
        Assert.Contains(dense.bias!.data<float>().ToArray(), b => b != 0);
    }

    [Fact]
    public void Apply_reaches_nested_conv_and_dense_layers_and_leaves_batchnorm()
    {
        using var model = nn.Sequential(nn.Conv2d(3, 16, 3), nn.BatchNorm2d(16), nn.Sequential(nn.Flatten(), nn.Linear(100, 10)));
        LayerInit.Apply(model, InitPolicy.Keras);
        var conv = (Conv2d)model.children().First();
        var bn = (BatchNorm2d)model.children().ElementAt(1);
        var linear = (Linear)((Sequential)model.children().ElementAt(2)).children().ElementAt(1);
        Assert.All(conv.bias!.data<float>().ToArray(), b => Assert.Equal(0f, b));
        Assert.All(linear.bias!.data<float>().ToArray(), b => Assert.Equal(0f, b));
        Assert.InRange(Stats(linear.weight!).Max, 0, Math.Sqrt(6.0 / 110));
        Assert.All(bn.weight!.data<float>().ToArray(), w => Assert.Equal(1f, w));
    }

    [Fact]
    public void Spec_models_follow_the_policy_in_their_options()
    {
        const string spec = "model M(input = 400) { d: dense(300) }";
        using var keras = SpecModule.FromText(spec, "M", options: new SpecModuleOptions { Init = InitPolicy.Keras });
        using var torchInit = SpecModule.FromText(spec, "M", options: new SpecModuleOptions { Init = InitPolicy.PyTorch });
        Assert.All(keras.state_dict()["d.bias"].data<float>().ToArray(), b => Assert.Equal(0f, b));
        Assert.Contains(torchInit.state_dict()["d.bias"].data<float>().ToArray(), b => b != 0);
        Assert.InRange(Stats(keras.state_dict()["d.weight"]).Max, Math.Sqrt(6.0 / 700) * 0.98, Math.Sqrt(6.0 / 700));
        Assert.InRange(Stats(torchInit.state_dict()["d.weight"]).Max, 0.05 * 0.98, 0.05);
    }
}

/// <summary>The process-wide default policy: Keras unless changed, and a change reaches models built afterwards.</summary>
[Collection(ProcessStateCollection.Name)]
public class DefaultPolicyTests
{
    [Fact]
    public void Default_is_keras_and_switching_it_changes_new_spec_models()
    {
        Assert.Equal(InitPolicy.Keras, LayerInit.DefaultPolicy);
        const string spec = "model M(input = 400) { d: dense(300) }";
        try
        {
            LayerInit.DefaultPolicy = InitPolicy.PyTorch;
            using var torchInit = SpecModule.FromText(spec, "M");
            Assert.Contains(torchInit.state_dict()["d.bias"].data<float>().ToArray(), b => b != 0);
        }
        finally
        {
            LayerInit.DefaultPolicy = InitPolicy.Keras;
        }
        using var keras = SpecModule.FromText(spec, "M");
        Assert.All(keras.state_dict()["d.bias"].data<float>().ToArray(), b => Assert.Equal(0f, b));
    }
}
