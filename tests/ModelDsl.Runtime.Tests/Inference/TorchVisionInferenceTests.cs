using ModelDsl.Runtime.Inference;
using ModelDsl.Runtime.Spec;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Inference;

/// <summary>
/// The zoo's models run through their inference plans (BatchNorm folded, channels-last) give TorchVision's TorchSharp
/// models' eval outputs with the same weights, within 1e-4 of the larger of 1 and the largest output (absolute for
/// outputs of order 1; random BatchNorm statistics can push logits to hundreds, where float32's own spacing is ~3e-5 and
/// sums of up to 25k terms in another order, channels-last, differ by a few of those): ResNet50 and MobileNetV2 at 224x224, and the adaptive-pooling families MobileNetV3 (Small) and
/// AlexNet at input sizes other than 224 (their spec built with that <c>input</c>).
/// </summary>
public class TorchVisionInferenceTests
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData("ResNet50", 224)]
    [InlineData("MobileNetV2", 224)]
    [InlineData("MobileNetV3Small", 160)]
    [InlineData("AlexNet", 256)]
    public void Zoo_plan_matches_torchvision_with_the_same_weights(string name, int size)
    {
        using var theirs = TorchVision(name);
        using var ours = SpecModule.FromZoo(name, args: new Dictionary<string, object> { ["input"] = $"3x{size}x{size}" });
        PlanAssert.RandomiseBatchNorm(theirs, 13);
        var load = ours.load_state_dict(theirs.state_dict(), strict: true);
        Assert.Empty(load.missing_keys);
        theirs.eval();
        ours.eval();
        using var scope = NewDisposeScope();
        var x = randn(2, 3, size, size, generator: new Generator(17));
        using var plan = InferencePlanBuilder.Build(ours);
        Tensor expected;
        using (no_grad()) expected = theirs.call(x);
        var actual = plan.ForwardLogits(x);
        Assert.Equal(new long[] { 2, 1000 }, actual.shape);
        var worst = (expected - actual).abs().max().item<float>();
        var scale = Math.Max(1, expected.abs().max().item<float>());
        Assert.True(worst <= Tolerance * scale, $"{name} at {size}x{size}: max |difference| {worst:E2} > {Tolerance:E0} x {scale:F1}");
        Assert.True(expected.abs().max().item<float>() > 1e-3, "the outputs are not trivially zero");
    }

    private static nn.Module<Tensor, Tensor> TorchVision(string name) => name switch
    {
        "ResNet50" => torchvision.models.resnet50(),
        "MobileNetV3Small" => torchvision.models.mobilenet_v3_small(),
        "AlexNet" => torchvision.models.alexnet(),
        _ => torchvision.models.mobilenet_v2(),
    };
}
