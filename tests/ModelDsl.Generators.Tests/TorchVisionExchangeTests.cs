using ModelDsl.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// The generated zoo models (compiled into this assembly from the zoo specs) and TorchSharp's TorchVision 0.107
/// models are the same networks: each loads the other's state_dict strictly and both give the same logits in
/// eval mode on the same input. TorchSharp TorchVision's keys equal Python torchvision's for these three, so no
/// key map is needed. Tolerance 1e-4: float32 sums of up to 25k terms in different orders.
/// </summary>
[Collection("Global RNG")]
public class TorchVisionExchangeTests
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData("VGG16")]
    [InlineData("ResNet50")]
    [InlineData("MobileNetV2")]
    public void GeneratedModelAndTorchVisionExchangeWeightsAndAgree(string name)
    {
        var (ours, _, _, _) = RuntimeTests.Create(name);
        using var theirs = TorchVision(name);
        using (ours)
        using (NewDisposeScope())
        using (no_grad())
        {
            ours.eval();
            theirs.eval();
            var x = randn(new long[] { 1, 3, 224, 224 }, generator: new Generator(7));

            // torchvision -> generated, with BatchNorm statistics moved off 0/1 so a mis-mapped buffer shows.
            Randomise(theirs.state_dict(), 11);
            var load = ours.load_state_dict(theirs.state_dict(), strict: true);
            Assert.Empty(load.missing_keys);
            Assert.Empty(load.unexpected_keyes);
            var reference = theirs.call(x);
            AssertClose(reference, Logits(ours, x), $"{name}: generated model with torchvision's weights");
            Assert.True(reference.abs().max().item<float>() > 1e-3, "the outputs are not trivially zero");

            // generated (fresh Keras-initialised weights) -> torchvision.
            var (fresh, _, _, _) = RuntimeTests.Create(name);
            using (fresh)
            {
                fresh.eval();
                Randomise(fresh.state_dict(), 13);
                var back = theirs.load_state_dict(fresh.state_dict(), strict: true);
                Assert.Empty(back.missing_keys);
                Assert.Empty(back.unexpected_keyes);
                AssertClose(Logits(fresh, x), theirs.call(x), $"{name}: torchvision with the generated model's weights");
            }
        }
    }

    private static nn.Module<Tensor, Tensor> TorchVision(string name) => name switch
    {
        "VGG16" => torchvision.models.vgg16(),
        "ResNet50" => torchvision.models.resnet50(),
        _ => torchvision.models.mobilenet_v2(),
    };

    // TorchVision's models return logits; a softmax-ended generated model gives them through ForwardLogits.
    private static Tensor Logits(nn.Module<Tensor, Tensor> model, Tensor x) =>
        model is ILogitsModule { HasLogits: true } logits ? logits.ForwardLogits(x) : model.call(x);

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var scale = Math.Max(1.0, expected.abs().max().item<float>());
        var error = (expected - actual).abs().max().item<float>();
        Assert.True(error <= Tolerance * scale, $"{what}: max |difference| {error} > {Tolerance} x {scale}");
    }

    private static void Randomise(Dictionary<string, Tensor> state, int seed)
    {
        var g = new Generator((ulong)seed);
        foreach (var (key, t) in state)
        {
            if (key.EndsWith(".running_mean", StringComparison.Ordinal)) t.copy_(randn(t.shape, generator: g) * 0.1);
            else if (key.EndsWith(".running_var", StringComparison.Ordinal)) t.copy_(rand(t.shape, generator: g) + 0.5);
        }
    }
}
