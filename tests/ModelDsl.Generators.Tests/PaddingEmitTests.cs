using ModelDsl.Generators.Tests.Infrastructure;
using ModelDsl.Generators.Tests.Models;
using static TorchSharp.torch;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// Keras 'same' padding: symmetric pads are the layer's own padding argument; asymmetric ones (stride 2 on an
/// even size) are an explicit <c>functional.pad</c> before a padding-0 layer, -inf for max pooling.
/// </summary>
public class PaddingEmitTests
{
    [Fact]
    public void AsymmetricSamePaddingIsAnExplicitPadBeforeTheLayer()
    {
        var run = GeneratorHarness.Run("""
            using ModelDsl;
            namespace Demo;
            [Model]
            [InlineSpec("model Net(input = 1x8x8) { conv2d(2, 3, stride=2, padding=same) > maxpool2d(3, stride=2, padding=same) > conv2d(2, 3, padding=same) > flatten }")]
            public partial class Net { }
            """);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        var code = run.Source("Demo.Net.g.cs");
        Assert.Contains("Conv2d = global::TorchSharp.torch.nn.Conv2d(1, 2, 3, stride: 2);", code);
        Assert.Contains("var x = Conv2d.forward(global::TorchSharp.torch.nn.functional.pad(input, new long[] { 0, 1, 0, 1 }));", code);
        Assert.Contains("MaxPooling2d = global::TorchSharp.torch.nn.MaxPool2d(3, stride: 2);", code);
        Assert.Contains("x = MaxPooling2d.forward(global::TorchSharp.torch.nn.functional.pad(x, new long[] { 0, 1, 0, 1 }, global::TorchSharp.PaddingModes.Constant, double.NegativeInfinity));", code);
        Assert.Contains("Conv2d1 = global::TorchSharp.torch.nn.Conv2d(2, 2, 3, padding: 1);", code);
    }

    [Fact]
    public void NonSquarePairsUseTheTupleOverloads()
    {
        var run = GeneratorHarness.Run("""
            using ModelDsl;
            namespace Demo;
            [Model]
            [InlineSpec("model Net(input = 1x8x8) { conv2d(2, (1, 3), padding=same) > avgpool2d(3, stride=1, padding=same) > flatten }")]
            public partial class Net { }
            """);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        var code = run.Source("Demo.Net.g.cs");
        Assert.Contains("global::TorchSharp.torch.nn.Conv2d(1, 2, (1, 3), padding: (0, 1))", code);
        Assert.Contains("global::TorchSharp.torch.nn.AvgPool2d(3, stride: 1, padding: 1, count_include_pad: false)", code);
    }

    [Fact]
    public void PaddedModelComputesKerasSameWindows()
    {
        using var model = new KerasSamePadding();
        using var scope = NewDisposeScope();
        using var no = no_grad();
        model.Conv2d.weight!.fill_(1);
        var input = -ones(1, 1, 8, 8);
        var output = model.forward(input).reshape(2, 2, 2);
        // Conv: windows start at 0, 2, 4, 6 and the last one overhangs by one (zero) pixel: sums -9 inside,
        // -6 on the bottom/right edge, -4 in the corner. Max pool (3, stride 2, same on 4x4) then keeps the
        // largest of each window, never a padded -inf.
        var conv = model.Conv2d.forward(nn.functional.pad(input, new long[] { 0, 1, 0, 1 }));
        Assert.Equal(new[] { -9f, -9f, -9f, -6f }, conv[0, 0, 0].data<float>().ToArray());
        Assert.Equal(new[] { -6f, -6f, -6f, -4f }, conv[0, 0, 3].data<float>().ToArray());
        Assert.Equal(new[] { -9f, -6f, -6f, -4f }, output[0].flatten().data<float>().ToArray());
    }
}
