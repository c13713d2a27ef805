using System.Text.Json;
using ModelDsl.Runtime.Padding;
using ModelDsl.Runtime.Spec;
using ModelDsl.Runtime.Tests.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Padding;

/// <summary>
/// Keras 'same' padding with stride 2 on odd and even sizes, against PyTorch 1.13 on the pads TensorFlow's rule gives
/// (Fixtures/same_padding.json, written by Fixtures/make_same_padding.py). float32 sums of at most 50 terms: 1e-5.
/// </summary>
public class SamePaddingTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Cases() => ["odd_k3", "even_k3", "odd_k4", "even_k5"];

    [Theory]
    [InlineData(8, 4, 1, 1, 1, 2)]
    [InlineData(8, 3, 2, 1, 0, 1)]
    [InlineData(7, 3, 2, 1, 1, 1)]
    [InlineData(224, 7, 2, 1, 2, 3)]
    [InlineData(5, 3, 1, 2, 2, 2)]
    [InlineData(4, 1, 2, 1, 0, 0)]
    public void Same_rule_puts_the_odd_pixel_after(long input, long kernel, long stride, long dilation, long before, long after)
    {
        Assert.Equal((before, after), SamePadding.For(input, kernel, stride, dilation));
        Assert.Equal((input + stride - 1) / stride, (input + before + after - ((kernel - 1) * dilation + 1)) / stride + 1);
    }

    [Fact]
    public void Same_rule_rejects_non_positive_sizes()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SamePadding.For(0, 3, 2));
        Assert.Contains("input 0", e.Message);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Strided_same_convolution_equals_pytorch_on_tensorflow_pads(string name)
    {
        var c = Case(name);
        using var model = SpecModule.FromText(
            $"model M(input = {c.Cin}x{c.Size}x{c.Size}) {{ c: conv2d({c.Cout}, {c.Kernel}, stride={c.Stride}, padding=same) }}", "M");
        Assert.Equal(c.Pads, Pads(model));
        using (no_grad())
        {
            model.state_dict()["c.weight"].copy_(tensor(c.W).reshape(c.Cout, c.Cin, c.Kernel, c.Kernel));
            model.state_dict()["c.bias"].copy_(tensor(c.B));
        }
        using var x = tensor(c.X).reshape(2, c.Cin, c.Size, c.Size);
        using var y = model.forward(x);
        Assert.Equal(c.ConvShape, y.shape);
        Close.Assert(c.Conv, y, Tolerance, $"{name} conv");
        // The registered layer stays TorchSharp's Conv2d; asymmetric pads are applied before it.
        var conv = Assert.IsType<Conv2d>(model.ModuleAt("c"));
        if (c.Pads[0] != c.Pads[1]) Assert.All(conv.padding!, p => Assert.Equal(0L, p));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Strided_same_max_pooling_equals_pytorch_with_minus_infinity_pads(string name)
    {
        var c = Case(name);
        using var model = SpecModule.FromText($"model M(input = {c.Cin}x{c.Size}x{c.Size}) {{ p: maxpool2d(2, stride=2, padding=same) }}", "M");
        using var x = tensor(c.X).reshape(2, c.Cin, c.Size, c.Size);
        using var y = model.forward(x);
        Assert.Equal(c.PoolShape, y.shape);
        Close.Assert(c.Pool, y, 0, $"{name} max pool");
    }

    [Fact]
    public void Same_max_pooling_never_picks_a_pad_over_negative_values()
    {
        // pool 2, stride 2, 'same' on 3x3 pads only the bottom row and right column; zeros would win here.
        using var model = SpecModule.FromText("model M(input = 1x3x3) { maxpool2d(2, stride=2, padding=same) }", "M");
        using var x = tensor(Enumerable.Range(1, 9).Select(i => (float)-i).ToArray()).reshape(1, 1, 3, 3).requires_grad_();
        using var y = model.forward(x);
        Assert.Equal([-1f, -3f, -7f, -9f], y.data<float>().ToArray());
        y.sum().backward();
        // Each window's gradient goes to its real maximum, none to a padded cell.
        Assert.Equal([1f, 0, 1, 0, 0, 0, 1, 0, 1], x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void Same_convolution_with_stride_pads_only_bottom_and_right_on_even_input()
    {
        using var model = SpecModule.FromText("model M(input = 1x4x4) { c: conv2d(1, 3, stride=2, padding=same, bias=false) }", "M");
        using (no_grad()) model.state_dict()["c.weight"].fill_(1);
        using var x = tensor(Enumerable.Range(1, 16).Select(i => (float)i).ToArray()).reshape(1, 1, 4, 4);
        using var y = model.forward(x);
        // Window (0,0) covers rows 0-2 / cols 0-2; window (1,1) rows 2-3 / cols 2-3 plus the zero pads.
        Assert.Equal([1 + 2 + 3 + 5 + 6 + 7 + 9 + 10 + 11, 3 + 4 + 7 + 8 + 11 + 12, 9 + 10 + 11 + 13 + 14 + 15, 11 + 12 + 15 + 16f], y.data<float>().ToArray());
    }

    [Fact]
    public void Helpers_pad_zeros_or_minus_infinity_on_the_given_sides()
    {
        using var x = ones(1, 1, 2, 2);
        using var zero = SamePadding.ZeroPad(x, 0, 1, 0, 1);
        Assert.Equal([1L, 1, 3, 3], zero.shape);
        Assert.Equal(4f, zero.sum().item<float>());
        using var inf = SamePadding.MaxPoolPad(x, 1, 0, 1, 0);
        Assert.True(float.IsNegativeInfinity(inf[0, 0, 0, 0].item<float>()));
        Assert.Equal(1f, inf[0, 0, 2, 2].item<float>());
    }

    private static int[] Pads(SpecModule model)
    {
        var p = model.Inference.Nodes[1].ResolvedPads!;
        return [p.Top, p.Bottom, p.Left, p.Right];
    }

    private static FixtureCase Case(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("same_padding.json")));
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            if (c.GetProperty("name").GetString() != name) continue;
            float[] F(string p) => c.GetProperty(p).EnumerateArray().Select(v => v.GetSingle()).ToArray();
            long[] L(string p) => c.GetProperty(p).EnumerateArray().Select(v => v.GetInt64()).ToArray();
            return new FixtureCase(c.GetProperty("size").GetInt32(), c.GetProperty("kernel").GetInt32(), c.GetProperty("stride").GetInt32(),
                c.GetProperty("cin").GetInt32(), c.GetProperty("cout").GetInt32(), L("pads").Select(v => (int)v).ToArray(),
                F("x"), F("w"), F("b"), F("conv"), L("conv_shape"), F("pool"), L("pool_shape"));
        }
        throw new InvalidOperationException($"No case '{name}' in same_padding.json.");
    }

    private sealed record FixtureCase(int Size, int Kernel, int Stride, int Cin, int Cout, int[] Pads,
        float[] X, float[] W, float[] B, float[] Conv, long[] ConvShape, float[] Pool, long[] PoolShape);
}
