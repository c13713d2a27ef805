using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// The layers added by issue 14, as generated code (Specs/NewLayers.mdsl, compiled into this assembly by the
/// generator): each forward equals TorchSharp's reference op and the closed-form definition, and its shape
/// equals the compile-time one.
/// </summary>
public class GeneratedLayerTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void SiluIsXTimesSigmoid()
        => Check(new SiluOnly(), SiluOnly.OutputShape, x => nn.functional.silu(x), x => x * x.sigmoid());

    [Fact]
    public void HardswishIsXTimesRelu6OfXPlus3Over6()
        => Check(new HardswishOnly(), HardswishOnly.OutputShape, x => nn.functional.hardswish(x), x => x * (x + 3).clamp(0, 6) / 6);

    [Fact]
    public void HardsigmoidIsRelu6OfXPlus3Over6()
        => Check(new HardsigmoidOnly(), HardsigmoidOnly.OutputShape, x => nn.functional.hardsigmoid(x), x => (x + 3).clamp(0, 6) / 6);

    [Fact]
    public void GeluIsTheExactErfForm()
        => Check(new GeluOnly(), GeluOnly.OutputShape, x => nn.functional.gelu(x), x => 0.5 * x * (1 + (x / Math.Sqrt(2)).erf()));

    [Fact]
    public void AdaptiveAvgPoolOn7x9EqualsTorchSharpsModuleAndItsWindows()
    {
        using var reference = nn.AdaptiveAvgPool2d((3, 4));
        Check(new AdaptiveAvgOnly(), AdaptiveAvgOnly.OutputShape, x => reference.forward(x), x => AdaptiveWindows(x, 3, 4, w => w.mean(new long[] { 2, 3 })));
    }

    [Fact]
    public void AdaptiveMaxPoolOn7x9EqualsTorchSharpsModuleAndItsWindows()
    {
        using var reference = nn.AdaptiveMaxPool2d(new long[] { 3, 4 });
        Check(new AdaptiveMaxOnly(), AdaptiveMaxOnly.OutputShape, x => reference.forward(x), x => AdaptiveWindows(x, 3, 4, w => w.amax(new long[] { 2, 3 })));
    }

    [Fact]
    public void CeilModeMaxPoolKeepsTheLastPartialWindow()
    {
        // floor mode would give 3x4; ceil mode adds the partial last row and column.
        Assert.Equal(new long[] { 3, 4, 5 }, CeilMaxPool.OutputShape);
        using var reference = nn.MaxPool2d(2, ceil_mode: true);
        Check(new CeilMaxPool(), CeilMaxPool.OutputShape, x => reference.forward(x), x => x[.., .., 6.., 8..].amax(new long[] { 2, 3 }), corner: true);
    }

    [Fact]
    public void CeilModeDropsAWindowThatWouldStartInThePadding()
    {
        // Height 4, window 2, stride 3, padding 1: ceil((4 + 2 - 2) / 3) + 1 = 3 windows, but the third would start
        // at padded row 6, past the input and its leading pad, so PyTorch keeps 2; width 7 keeps 3.
        Assert.Equal(new long[] { 3, 2, 3 }, CeilMaxPoolPadded.OutputShape);
        using var reference = nn.MaxPool2d(2, stride: 3, padding: 1, ceil_mode: true);
        Check(new CeilMaxPoolPadded(), CeilMaxPoolPadded.OutputShape, x => reference.forward(x), null);
    }

    [Fact]
    public void CeilModeAvgPoolEqualsTorchSharps()
    {
        Assert.Equal(new long[] { 3, 4, 5 }, CeilAvgPool.OutputShape);
        using var reference = nn.AvgPool2d(2, ceil_mode: true);
        // The last window holds only the last row and column's element, and averages over it alone.
        Check(new CeilAvgPool(), CeilAvgPool.OutputShape, x => reference.forward(x), x => x[.., .., 6.., 8..].mean(new long[] { 2, 3 }), corner: true);
    }

    [Fact]
    public void ChannelShuffleIsTheGroupTransposePermutation()
    {
        // 12 channels in 3 groups of 4: output channel j reads input channel (j % 3) * 4 + j / 3.
        var permutation = Enumerable.Range(0, 12).Select(j => (long)(j % 3 * 4 + j / 3)).ToArray();
        Assert.Equal(new long[] { 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11 }, permutation);
        Check(new ShuffleOnly(), ShuffleOnly.OutputShape, x => x.index_select(1, tensor(permutation)), null);
    }

    [Fact]
    public void ChunkIsTheIndexedChannelSlice()
        => Check(new ChunkOnly(), ChunkOnly.OutputShape, x => x.narrow(1, 4, 4), x => x.chunk(3, 1)[1]);

    [Fact]
    public void MultiplyBroadcastsTheChannelScale()
        => Check(new ScaleByMean(), ScaleByMean.OutputShape, x => x * x.mean(new long[] { 2, 3 }, keepdim: true), null);

    [Fact]
    public void ReusedModuleIsRegisteredOnceAndCalledTwice()
    {
        using var model = new PoolTwice();
        Assert.Equal(new long[] { 2, 2, 2 }, PoolTwice.OutputShape);
        // The unnamed convolution takes its index in the sequence as module path, as in nn.Sequential.
        Assert.Equal(new[] { "pool", "1" }, model.named_children().Select(c => c.name).ToArray());
        Assert.Equal(new[] { "1.weight", "1.bias" }, model.state_dict().Keys.ToArray());
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = randn(2, 2, 8, 8);
        var expected = nn.functional.max_pool2d(model.Conv2d.forward(nn.functional.max_pool2d(x, new long[] { 2, 2 })), new long[] { 2, 2 });
        AssertClose(expected, model.forward(x));
    }

    /// <summary>Runs <paramref name="model"/> in eval mode on a random batch and compares with the references.</summary>
    private static void Check(nn.Module<Tensor, Tensor> model, IReadOnlyList<long> outputShape, Func<Tensor, Tensor> reference, Func<Tensor, Tensor>? definition, bool corner = false)
    {
        using (model)
        using (NewDisposeScope())
        using (no_grad())
        {
            model.eval();
            var inputShape = (IReadOnlyList<long>)model.GetType().GetProperty("InputShape")!.GetValue(null)!;
            var x = randn(new long[] { 2 }.Concat(inputShape).ToArray()) * 4;
            var actual = model.forward(x);
            Assert.Equal(new long[] { 2 }.Concat(outputShape).ToArray(), actual.shape);
            AssertClose(reference(x), actual);
            if (definition is null) return;
            var expected = definition(x);
            // The corner definition checks one output: the window made of the last row and column alone.
            AssertClose(expected, corner ? actual[.., .., actual.shape[2] - 1, actual.shape[3] - 1] : actual);
        }
    }

    /// <summary>PyTorch's adaptive windows: output i of n covers rows floor(i*H/n) .. ceil((i+1)*H/n) - 1.</summary>
    private static Tensor AdaptiveWindows(Tensor x, int oh, int ow, Func<Tensor, Tensor> reduce)
    {
        var (h, w) = ((int)x.shape[2], (int)x.shape[3]);
        var rows = new List<Tensor>();
        for (var i = 0; i < oh; i++)
        {
            var (r0, r1) = (i * h / oh, ((i + 1) * h + oh - 1) / oh);
            var cells = new List<Tensor>();
            for (var j = 0; j < ow; j++)
            {
                var (c0, c1) = (j * w / ow, ((j + 1) * w + ow - 1) / ow);
                cells.Add(reduce(x[.., .., r0..r1, c0..c1]));
            }
            rows.Add(stack(cells, 2));
        }
        return stack(rows, 2);
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= Tolerance, $"max |difference| {difference} > {Tolerance}");
    }
}
