using ModelDsl.Torch.Nn;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>
/// A single-channel input layer's convolution with 8 or more filters takes our kernel (input needs no
/// gradient; channels-last output shows it did); the same call with an input that requires grad takes libtorch's. Both must agree on values and weight/bias gradients.
/// </summary>
public class NnInputConvTests
{
    public static TheoryData<int, int, string> Cases => new()
    {
        // kernel, output channels, padding
        { 3, 32, "valid" },
        { 5, 8, "same" },
        { 3, 16, "asymmetric" },
        { 1, 12, "valid" },
    };

    private static Padding2d PaddingOf(string name) => name switch
    {
        "same" => Padding2d.Same,
        "asymmetric" => Padding2d.Explicit(0, 1, 2, 1),
        _ => Padding2d.Valid,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesLibtorchValuesAndGradients(int kernel, int channels, string padding)
    {
        using var scope = DisposeScope.Begin();
        TorchRuntime.ManualSeed(7);
        var x = Tensor.Randn(5, 1, 13, 19);
        var w1 = (Tensor.Randn(channels, 1, kernel, kernel) * 0.3f).RequiresGrad_();
        var b1 = Tensor.Randn(channels).RequiresGrad_();
        var w2 = w1.Detach().Clone().RequiresGrad_();
        var b2 = b1.Detach().Clone().RequiresGrad_();

        var fast = F.Conv2d(x, w1, b1, padding: PaddingOf(padding));
        var reference = F.Conv2d(x.Clone().RequiresGrad_(), w2, b2, padding: PaddingOf(padding));
        Assert.Equal(reference.Shape, fast.Shape);
        Assert.True(fast.IsContiguousIn(MemoryFormat.ChannelsLast), "the input-layer kernel writes channels-last");
        AssertClose(reference, fast, 1e-5);

        var upstream = Tensor.Randn(fast.Shape);
        fast.Backward(upstream);
        reference.Backward(upstream);
        AssertClose(w2.Grad!, w1.Grad!, 1e-4);
        AssertClose(b2.Grad!, b1.Grad!, 1e-4);

        using (NoGradScope.Begin())
        {
            AssertClose(reference, F.Conv2d(x, w1, b1, padding: PaddingOf(padding)), 1e-5);
        }
    }

    [Fact]
    public void FrozenWeightsRunForwardOnly()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Randn(2, 1, 8, 8);
        var w = Tensor.Randn(8, 1, 3, 3);
        var b = Tensor.Randn(8);
        var y = F.Conv2d(x, w, b);
        Assert.False(y.RequiresGrad);
        Assert.True(y.IsContiguousIn(MemoryFormat.ChannelsLast));
        AssertClose(F.Conv2d(x.Clone().RequiresGrad_(), w, b).Detach(), y, 1e-5);
    }

    private static void AssertClose(Tensor expected, Tensor actual, double tolerance)
    {
        var e = expected.Detach().ToArray<float>();
        var a = actual.Detach().ToArray<float>();
        Assert.Equal(e.Length, a.Length);
        var scale = Math.Max(1.0, e.Max(v => Math.Abs((double)v)));
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * scale, $"element {i}: expected {e[i]}, got {a[i]}");
        }
    }
}
