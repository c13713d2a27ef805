using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Training.Tests.Training;

/// <summary>Keras optimizer names map onto TorchSharp optimizers with Keras's hyper-parameters.</summary>
public sealed class OptimizerMappingTests
{
    private static readonly double[] Gradients = [0.5, -0.02, 0.003, 1.5, -0.8];

    /// <summary>Runs <paramref name="steps"/> updates of one 1-element parameter with the given gradients.</summary>
    private static double[] Run(string name, int steps)
    {
        var p = new Parameter(zeros(1, dtype: ScalarType.Float64));
        using var optimizer = Optimizers.FromName(name, [p]);
        var values = new double[steps];
        for (var t = 0; t < steps; t++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            (p * Gradients[t % Gradients.Length]).sum().backward();
            optimizer.step();
            values[t] = p.ToDouble();
        }
        return values;
    }

    [Fact]
    public void Rmsprop_is_torchsharp_rmsprop_with_keras_defaults()
    {
        var p = new Parameter(zeros(1));
        using var optimizer = Optimizers.FromName("rmsprop", [p]);

        var rms = Assert.IsType<ModelDsl.Runtime.Kernels.RMSProp>(optimizer);
        var options = Assert.IsType<RMSProp.Options>(((ParamGroup)rms.ParamGroups.Single()).Options);
        Assert.Equal(0.001, options.LearningRate!.Value);
        Assert.Equal(0.9, options.alpha!.Value); // Keras's rho is PyTorch's alpha (not momentum)
        Assert.Equal(1e-7, options.eps!.Value);
        Assert.Equal(0.0, options.momentum!.Value);
    }

    [Theory]
    [InlineData("adam", typeof(ModelDsl.Runtime.Kernels.Adam), typeof(Adam))]
    [InlineData("adamw", typeof(ModelDsl.Runtime.Kernels.AdamW), typeof(AdamW))]
    [InlineData("sgd", typeof(ModelDsl.Runtime.Kernels.SGD), typeof(SGD))]
    public void Names_map_to_the_one_pass_subclasses_of_torchsharps_optimizers(string name, Type expected, Type torchSharps)
    {
        var p = new Parameter(zeros(1));
        using var optimizer = Optimizers.FromName(name, [p]);

        Assert.IsType(expected, optimizer);
        Assert.IsAssignableFrom(torchSharps, optimizer);
        // Saved optimizer state carries the class name; the subclass keeps TorchSharp's so checkpoints stay compatible.
        Assert.Equal(torchSharps.Name, optimizer.GetType().Name);
    }

    [Fact]
    public void Rmsprop_follows_pytorchs_update_and_stays_within_keras_eps_placement_of_keras()
    {
        var actual = Run("rmsprop", 10);

        double torchP = 0, torchV = 0, kerasP = 0, kerasV = 0;
        for (var t = 0; t < 10; t++)
        {
            var g = Gradients[t % Gradients.Length];
            // PyTorch/TorchSharp: v = alpha v + (1 - alpha) g^2; p -= lr g / (sqrt(v) + eps)
            torchV = 0.9 * torchV + 0.1 * g * g;
            torchP -= 0.001 * g / (Math.Sqrt(torchV) + 1e-7);
            // Keras 3: the same v; p -= lr g / sqrt(v + eps)
            kerasV = 0.9 * kerasV + 0.1 * g * g;
            kerasP -= 0.001 * g / Math.Sqrt(kerasV + 1e-7);
            Assert.Equal(torchP, actual[t], 12);
            // Where the gradients are not tiny the two placements agree to a few parts per million of a step.
            Assert.Equal(kerasP, actual[t], 7);
        }
    }

    [Fact]
    public void Adam_follows_pytorchs_update_with_keras_defaults()
    {
        var actual = Run("adam", 10);

        double p = 0, m = 0, v = 0;
        for (var t = 1; t <= 10; t++)
        {
            var g = Gradients[(t - 1) % Gradients.Length];
            m = 0.9 * m + 0.1 * g;
            v = 0.999 * v + 0.001 * g * g;
            var mHat = m / (1 - Math.Pow(0.9, t));
            var vHat = v / (1 - Math.Pow(0.999, t));
            p -= 0.001 * mHat / (Math.Sqrt(vHat) + 1e-7);
            Assert.Equal(p, actual[t - 1], 12);
        }
    }

    [Fact]
    public void Sgd_uses_kerass_learning_rate_and_unknown_names_list_the_known_ones()
    {
        Assert.Equal(-0.01 * 0.5, Run("sgd", 1)[0], 15);
        var e = Assert.Throws<ArgumentException>(() => Optimizers.FromName("adagrad", []));
        Assert.Contains("rmsprop, adam, adamw, sgd", e.Message);
    }
}
