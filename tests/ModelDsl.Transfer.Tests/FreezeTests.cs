using static TorchSharp.torch;
using ModelDsl.Transfer.Tests.Support;
using TorchSharp.Modules;

namespace ModelDsl.Transfer.Tests;

public class FreezeTests
{
    private const string SmallNet = """
        model Small(input = 1x8x8) {
          c1: conv2d(4, 3, padding=same) > bn1: batchnorm > relu > maxpool2d(2)
          c2: conv2d(4, 3, padding=same) > bn2: batchnorm > relu
          flatten > fc: dense(3, softmax)
        }
        """;

    [Fact]
    public void Frozen_layers_keep_weights_and_batchnorm_statistics_while_the_rest_trains()
    {
        using var model = TransferModule.FromText(SmallNet, "Small");
        Assert.Equal(2, model.Freeze("c1") + model.Freeze("bn1"));
        var before = Snapshot(model);
        var trainable = model.TrainableParameters();
        Assert.Equal(model.parameters().Count() - 4, trainable.Count); // c1 weight+bias, bn1 weight+bias left out

        // A plain TorchSharp loop: freezing must hold for any optimizer over TrainableParameters, not only the Trainer.
        var (x, y) = RandomData(64, seed: 1);
        using (x)
        using (y)
        using (var optimizer = optim.SGD(trainable, 0.1, momentum: 0.9))
        {
            model.train();
            for (var step = 0; step < 8; step++)
            {
                using var scope = NewDisposeScope();
                var batch = arange(step % 4 * 16, step % 4 * 16 + 16);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.ForwardLogits(x.index(batch)), y.index(batch));
                loss.backward();
                optimizer.step();
            }
        }

        var after = Snapshot(model);
        foreach (var key in new[] { "c1.weight", "c1.bias", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked" })
        {
            Assert.Equal(before[key], after[key]);
        }
        foreach (var key in new[] { "c2.weight", "bn2.weight", "bn2.running_mean", "bn2.running_var", "fc.weight" })
        {
            Assert.NotEqual(before[key], after[key]);
        }
    }

    [Fact]
    public void A_frozen_batchnorm_normalises_with_running_statistics_in_training_mode()
    {
        using var model = TransferModule.FromText("model M(input = 2x3x3) { bn: batchnorm(eps=0.00001) }", "M");
        model.Freeze();
        model.train();
        using var scope = NewDisposeScope();
        var x = randn(4, 2, 3, 3) * 3.0 + 5.0;
        // Running statistics are mean 0, variance 1: a frozen BatchNorm is (nearly) the identity.
        var y = model.call(x);
        Assert.True((y - x).abs().max().item<float>() < 1e-3);
        model.Unfreeze();
        var normalised = model.call(x);
        Assert.True(normalised.mean().abs().item<float>() < 1e-4);
    }

    [Fact]
    public void Any_TorchSharp_module_freezes_by_parameter_path_and_its_frozen_batchnorm_stays_in_eval_mode()
    {
        using var net = new SmallNet();
        var bn = (BatchNorm2d)net.named_modules().Single(m => m.name == "features.1").module;

        Assert.Equal(4, net.FreezeParameters("features")); // conv weight+bias, batchnorm weight+bias
        net.train();
        using var x = randn(4, 2, 5, 5) * 3.0 + 1.0;
        var meanBefore = bn.running_mean!.Floats();
        net.call(x).Dispose();

        Assert.False(bn.training);
        Assert.Equal(meanBefore, bn.running_mean!.Floats());
        Assert.All(net.named_parameters(), p => Assert.Equal(!p.name.StartsWith("features.", StringComparison.Ordinal), p.parameter.requires_grad));

        Assert.Equal(4, net.UnfreezeParameters("features"));
        Assert.True(bn.training);
        net.call(x).Dispose();
        Assert.NotEqual(meanBefore, bn.running_mean!.Floats());
        Assert.Equal(1, net.FreezeParameters("classifier.bias"));
        var error = Assert.Throws<ArgumentException>(() => net.FreezeParameters("feature"));
        Assert.Contains("features, classifier", error.Message);
    }

    [Fact]
    public void Index_ranges_follow_keras_layer_numbering_with_the_input_at_zero()
    {
        using var model = Zoo.MnistConvNet();
        // 0 input, 1 conv2d, 2 maxpool, 3 conv2d, 4 maxpool, 5 conv2d, 6 flatten, 7 dense, 8 dense
        Assert.Equal(9, model.Layers.Count);
        Assert.Equal(ModelDsl.Spec.Layers.LayerKind.Input, model.Layers[0].Kind);
        Assert.All(new[] { 1, 3, 5 }, i => Assert.Equal(ModelDsl.Spec.Layers.LayerKind.Conv2D, model.Layers[i].Kind));
        model.Freeze(..4);
        Assert.Equal((93_322L - 320 - 18_496, 320L + 18_496), model.ParameterCounts());
        Assert.True(model.Layers[3].IsFrozen);
        Assert.False(model.Layers[5].IsFrozen);

        var summary = model.SummaryText();
        Assert.Contains("Total params: 93,322", summary);
        Assert.Contains("Trainable params: 74,506", summary);
        Assert.Contains("Non-trainable params: 18,816", summary);

        model.UnfreezeTop(6);
        Assert.Equal((93_322L - 320, 320L), model.ParameterCounts());
        model.Unfreeze(..1000);
        Assert.Equal((93_322L, 0L), model.ParameterCounts());
    }

    [Fact]
    public void Blocks_freeze_by_path_prefix_and_unknown_names_are_reported()
    {
        using var model = Zoo.MobileNetV2();
        model.Freeze("features");
        var counts = model.ParameterCounts();
        Assert.Equal((1_281_000L, 2_223_872L), counts);
        model.Unfreeze("features.18");
        Assert.Equal(1_281_000L + 320 * 1280 + 2 * 1280, model.ParameterCounts().Trainable);
        var error = Assert.Throws<ArgumentException>(() => model.Freeze("feature"));
        Assert.Contains("'feature'", error.Message);
        Assert.Contains("features", error.Message);
    }

    /// <summary>Examples whose class shifts their mean, so there is something to learn: (inputs, class indices).</summary>
    internal static (Tensor Inputs, Tensor Targets) RandomData(int count, int seed, int classes = 3, long[]? shape = null)
    {
        shape ??= [1, 8, 8];
        var random = new Random(seed);
        var n = shape.Aggregate(1L, (a, d) => a * d);
        var x = new float[count * n];
        var y = new long[count];
        for (var i = 0; i < count; i++)
        {
            y[i] = random.Next(classes);
            for (var j = 0; j < n; j++) x[i * n + j] = (float)(random.NextDouble() - 0.5 + 0.3 * y[i]);
        }
        return (tensor(x, [count, .. shape]), tensor(y, [count]));
    }

    internal static Dictionary<string, float[]> Snapshot(nn.Module model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.Floats());
}
