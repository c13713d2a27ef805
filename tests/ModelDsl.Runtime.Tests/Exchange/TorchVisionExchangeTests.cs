using ModelDsl.Runtime.Spec;
using ModelDsl.Runtime.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Exchange;

/// <summary>
/// The zoo's spec-built models and TorchSharp's TorchVision 0.107 models are the same networks: TorchSharp's
/// state_dict keys and shapes equal Python torchvision's (the fixture the zoo is checked against, so no key
/// map is needed), each model loads the other's state_dict strictly, and both give the same outputs in eval
/// mode on the same input. Tolerance 1e-4: float32 dot products of up to 25k terms, summed in different orders.
/// </summary>
public class TorchVisionExchangeTests
{
    private const double Tolerance = 1e-4;

    [Theory]
    [InlineData("VGG16", "torchvision_vgg16.keys.txt")]
    [InlineData("ResNet50", "torchvision_resnet50.keys.txt")]
    [InlineData("MobileNetV2", "torchvision_mobilenet_v2.keys.txt")]
    public void Zoo_and_torchvision_exchange_weights_and_agree(string name, string pythonKeys)
    {
        using var ours = SpecModule.FromZoo(name);
        using var theirs = TorchVision(name);
        var expected = File.ReadAllLines(RepoPaths.TorchvisionKeys(pythonKeys)).Where(l => l.Length > 0).Order(StringComparer.Ordinal);
        var torchSharpKeys = theirs.state_dict().Select(kv => $"{kv.Key} {(kv.Value.shape.Length == 0 ? "scalar" : string.Join("x", kv.Value.shape))}");
        Assert.Equal(expected, torchSharpKeys.Order(StringComparer.Ordinal));
        ours.eval();
        theirs.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = randn(1, 3, 224, 224, generator: new Generator(7));

        // torchvision → ours. BatchNorm statistics are made non-trivial first, so the test sees them move.
        Randomise(theirs.state_dict());
        var load = ours.load_state_dict(theirs.state_dict(), strict: true);
        Assert.Empty(load.missing_keys);
        Assert.Empty(load.unexpected_keyes);
        var reference = theirs.call(x);
        Close.Assert(reference, ours.ForwardLogits(x), Tolerance, $"{name}: ours with torchvision's weights");
        Assert.True(reference.abs().max().item<float>() > 1e-3, "the outputs are not trivially zero");

        // ours → torchvision, with fresh Keras-initialised weights of ours.
        using var fresh = SpecModule.FromZoo(name);
        fresh.eval();
        Randomise(fresh.state_dict());
        var back = theirs.load_state_dict(fresh.state_dict(), strict: true);
        Assert.Empty(back.missing_keys);
        Assert.Empty(back.unexpected_keyes);
        Close.Assert(fresh.ForwardLogits(x), theirs.call(x), Tolerance, $"{name}: torchvision with our weights");
    }

    private static nn.Module<Tensor, Tensor> TorchVision(string name) => name switch
    {
        "VGG16" => torchvision.models.vgg16(),
        "ResNet50" => torchvision.models.resnet50(),
        _ => torchvision.models.mobilenet_v2(),
    };

    // Running statistics that differ from the fresh 0/1, so a mis-mapped buffer changes the outputs.
    private static void Randomise(Dictionary<string, Tensor> state)
    {
        var g = new Generator(11);
        foreach (var (key, t) in state)
        {
            if (key.EndsWith(".running_mean", StringComparison.Ordinal)) t.copy_(randn(t.shape, generator: g) * 0.1);
            else if (key.EndsWith(".running_var", StringComparison.Ordinal)) t.copy_(rand(t.shape, generator: g) + 0.5);
        }
    }
}
