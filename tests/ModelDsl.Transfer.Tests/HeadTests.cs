using static TorchSharp.torch;
using ModelDsl.Transfer.Tests.Support;

namespace ModelDsl.Transfer.Tests;

public class HeadTests
{
    [Fact]
    public void The_vgg16_seed_head_on_a_150px_base_has_the_keras_seed_counts()
    {
        // Chollet 5.3: conv_base = VGG16(include_top=False, input_shape=(150, 150, 3)) + Flatten/Dense(256)/Dense(1): 16,812,353.
        using var model = TransferModel.WithHead(
            Zoo.Create("VGG16", includeTop: false, classes: 1000, args: new Dictionary<string, object> { ["input"] = "3x150x150" }),
            Heads.FlattenDenseSigmoid);
        Assert.Equal(16_812_353L, model.parameters().Sum((p => p.numel())));
        Assert.Equal(14_714_688L, model.Base.parameters().Sum((p => p.numel())));
        Assert.Contains("head.1.weight", model.state_dict().Keys);
        Assert.Contains("base.features.28.weight", model.state_dict().Keys);

        // The seed freezes Keras's layers[:15] (input + block1..block4_pool): block5's three convs and the head stay trainable.
        model.FreezeThrough("base.features.23");
        Assert.Equal(3 * (512 * 512 * 9 + 512) + 2_097_408L + 257, model.ParameterCounts().Trainable);
        // Indices count this spec's separate ReLU layers: [..15] is the input and features.0-13 (six convs).
        model.Unfreeze();
        model.Freeze(..15);
        Assert.Equal("base.features.13", model.Layers[14].Path);
        Assert.Equal(1_792L + 36_928 + 73_856 + 147_584 + 295_168 + 590_080, model.ParameterCounts().Frozen);

        model.eval();
        using var scope = NewDisposeScope();
        var y = model.call(rand(2, 3, 150, 150));
        Assert.Equal([2L, 1L], y.shape);
        Assert.All(y.Floats(), p => Assert.InRange(p, 0f, 1f));
        Assert.False(model.OutputIsProbabilities);
    }

    [Fact]
    public void The_mobilenet_seed_head_and_a_full_head_declaration_with_arguments()
    {
        using var model = TransferModel.WithHead(Zoo.MobileNetV2(includeTop: false), Heads.GlobalAverageDense(1));
        Assert.Equal(2_223_872L + 1_281, model.parameters().Sum((p => p.numel())));

        const string head = "model Classifier(input, classes = 2) { globalavgpool2d > dropout(0.2) > out: dense(classes, softmax) }";
        using var five = TransferModel.WithHead(Zoo.MobileNetV2(includeTop: false), head, new Dictionary<string, object> { ["classes"] = 5 });
        Assert.Equal([5L, 1280L], five.state_dict()["head.out.weight"].shape);
        Assert.True(five.OutputIsProbabilities);
        Assert.Contains("Trainable params: 2,230,277", five.SummaryText());
    }

    [Fact]
    public void A_head_that_does_not_fit_the_base_output_is_reported_with_the_spec_diagnostic()
    {
        using var baseModel = Zoo.MnistConvNet(includeTop: false);
        var error = Assert.ThrowsAny<Exception>(() => TransferModel.WithHead(baseModel, "dense(10, softmax)"));
        Assert.Contains("Flatten", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
