using ModelDsl.Kernels.Tests.Support;
using ModelDsl.Runtime.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Kernels.Tests.ReluMaxPool;

/// <summary>
/// The fused kernel against TorchSharp's <c>max_pool2d(relu(x), 2)</c>: outputs and input gradients must match bit for
/// bit, in both layouts, on inputs full of ties, NaNs, dead windows and odd sizes.
/// </summary>
[Collection(KernelsCollection.Name)]
public sealed class ReluMaxPool2dTests
{
    public enum Values
    {
        Normal,
        Ties,
        NaN,
        AllNegative,
    }

    // Widths chosen around the vector blocks of 8 and 4 windows: exact blocks, blocks with an overlapping last block,
    // rows too narrow for a block, odd sizes.
    public static TheoryData<long, long, long, long, Values> Shapes() => new()
    {
        { 1, 1, 2, 2, Values.Normal },
        { 1, 3, 5, 7, Values.Normal },
        { 2, 4, 16, 16, Values.Normal },
        { 1, 2, 35, 34, Values.Normal },
        { 64, 8, 13, 12, Values.Normal },
        { 64, 32, 26, 26, Values.Normal },
        { 64, 64, 11, 11, Values.Normal },
        { 1, 3, 34, 33, Values.Ties },
        { 64, 4, 26, 26, Values.Ties },
        { 64, 4, 11, 11, Values.Ties },
        { 2, 3, 9, 14, Values.Ties },
        { 3, 2, 6, 8, Values.Ties },
        { 2, 3, 17, 40, Values.NaN },
        { 64, 4, 11, 11, Values.NaN },
        { 1, 2, 9, 41, Values.AllNegative },
        { 64, 4, 26, 26, Values.AllNegative },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ChannelsFirstMatchesTorchSharpBitForBit(long n, long c, long h, long w, Values kind)
    {
        using var scope = torch.NewDisposeScope();
        var x = Make(kind, [n, c, h, w], seed: (int)(n * 1000 + c * 100 + h + w));
        Assert.Equal(ReluMaxPool2x2.Layout.ChannelsFirst, ReluMaxPool2x2.LayoutOf(x));

        AssertFusedMatchesReference(x);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ChannelsLastMatchesTorchSharpBitForBit(long n, long c, long h, long w, Values kind)
    {
        using var scope = torch.NewDisposeScope();
        var x = Inputs.ChannelsLast(Make(kind, [n, c, h, w], seed: (int)(n * 1000 + c * 100 + h + w + 7)));
        if (c > 1)
        {
            Assert.Equal(ReluMaxPool2x2.Layout.ChannelsLast, ReluMaxPool2x2.LayoutOf(x));
        }

        AssertFusedMatchesReference(x);
    }

    [Fact]
    public void ChannelsLastInputGivesChannelsLastOutputLikeTorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        var x = Inputs.ChannelsLast(Inputs.Normal([2, 16, 10, 10], seed: 3));

        var fused = Pooling.ReluMaxPool2d(x);
        var reference = PoolRun.Reference(x);

        Assert.Equal(reference.stride(), fused.stride());
    }

    [Fact]
    public void CellsOfEachWindowKindRouteTheGradientWhereTorchSharpDoes()
    {
        using var scope = torch.NewDisposeScope();
        // One window per row of this table, cells in row-major order; every rule of the scan appears once.
        float nan = float.NaN, inf = float.PositiveInfinity;
        float[][] windows =
        [
            [1f, 1f, 1f, 1f],          // four-way tie: the first cell
            [0f, 2f, 2f, 1f],          // tie after the first cell
            [-1f, -2f, -3f, -4f],      // dead window
            [-0f, -1f, 0f, -2f],       // dead, -0.0 first: output -0.0
            [0f, -0f, -1f, -2f],       // dead, +0 first: output +0
            [nan, 1f, 2f, nan],        // the last NaN wins
            [1f, nan, -1f, 2f],        // a NaN beats a later larger value
            [-inf, -inf, -inf, -inf],  // all -inf: dead
            [inf, 3f, inf, 1f],        // +inf ties
            [3f, 3f, 3f, 5f],          // the maximum last
        ];
        var values = torch.tensor(windows.SelectMany(cells => cells).ToArray()).reshape(1, windows.Length, 2, 2);

        AssertFusedMatchesReference(values);
    }

    [Fact]
    public void FusedOutputFeedsTheGraphUpstream()
    {
        using var scope = torch.NewDisposeScope();
        var images = Inputs.Normal([8, 1, 28, 28], seed: 11);
        using var generator = Inputs.Seeded(12);
        var weight = torch.randn([16, 1, 3, 3], generator: generator);

        Tensor WeightGrad(Func<Tensor, Tensor> pool)
        {
            var leaf = weight.detach().requires_grad_(true);
            var features = torch.nn.functional.conv2d(images, leaf);
            pool(features).square().sum().backward();
            return leaf.grad!.detach();
        }

        Bitwise.Equal(WeightGrad(x => PoolRun.Reference(x)), WeightGrad(x => Pooling.ReluMaxPool2d(x)), "conv weight gradient");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExpandedGradientFromSumIsRead(bool channelsLast)
    {
        using var scope = torch.NewDisposeScope();
        // sum()'s backward hands the pool a gradient with zero strides.
        var values = Inputs.WithTies([3, 16, 14, 15], seed: 31);
        var x = channelsLast ? Inputs.ChannelsLast(values) : values;

        Tensor InputGrad(Func<Tensor, Tensor> pool)
        {
            var leaf = x.detach().requires_grad_(true);
            pool(leaf).sum().backward();
            return leaf.grad!.detach();
        }

        Bitwise.Equal(InputGrad(v => PoolRun.Reference(v)), InputGrad(v => Pooling.ReluMaxPool2d(v)), "input gradient");
    }

    [Fact]
    public void BackwardTwiceThroughARetainedGraphAccumulatesLikeTorchSharp()
    {
        using var scope = torch.NewDisposeScope();
        var x = Inputs.WithTies([8, 8, 12, 12], seed: 51);
        var upstream = Inputs.Upstream([8, 8, 6, 6], seed: 51);

        Tensor TwiceGrad(Func<Tensor, Tensor> pool)
        {
            var leaf = x.detach().requires_grad_(true);
            var output = pool(leaf);
            output.backward([upstream], retain_graph: true);
            output.backward([upstream]);
            return leaf.grad!.detach();
        }

        Bitwise.Equal(TwiceGrad(v => PoolRun.Reference(v)), TwiceGrad(v => Pooling.ReluMaxPool2d(v)), "accumulated gradient");
    }

    [Fact]
    public void InputsThatNeedNoGradientGetTheSameValues()
    {
        using var scope = torch.NewDisposeScope();
        var x = Inputs.WithTies([4, 8, 12, 13], seed: 5);

        Bitwise.Equal(PoolRun.Reference(x), Pooling.ReluMaxPool2d(x), "output without grad");
        using (torch.no_grad())
        {
            var leaf = x.detach().requires_grad_(true);
            var output = Pooling.ReluMaxPool2d(leaf);
            Assert.False(output.requires_grad);
            Bitwise.Equal(PoolRun.Reference(x), output, "output under no_grad");
        }
    }

    [Fact]
    public void RepeatedStepsInAndOutOfDisposeScopesStayCorrect()
    {
        var x = Inputs.Normal([16, 8, 12, 12], seed: 21);
        var upstream = Inputs.Upstream([16, 8, 6, 6], seed: 21);
        var (expectedOutput, expectedGrad) = PoolRun.Run(x, upstream, v => PoolRun.Reference(v));
        for (var step = 0; step < 20; step++)
        {
            using var scope = step % 2 == 0 ? torch.NewDisposeScope() : null;
            var (output, grad) = PoolRun.Run(x, upstream, v => Pooling.ReluMaxPool2d(v));
            Bitwise.Equal(expectedOutput, output, $"output of step {step}");
            Bitwise.Equal(expectedGrad, grad, $"input gradient of step {step}");
        }
    }

    private static Tensor Make(Values kind, long[] shape, int seed) => kind switch
    {
        Values.Ties => Inputs.WithTies(shape, seed),
        Values.NaN => Inputs.WithNaN(shape, seed, fraction: 0.01),
        Values.AllNegative => Inputs.AllNegative(shape, seed),
        _ => Inputs.Normal(shape, seed),
    };

    private static void AssertFusedMatchesReference(Tensor x)
    {
        var shape = x.shape;
        var upstream = Inputs.Upstream([shape[0], shape[1], shape[2] / 2, shape[3] / 2], seed: (int)x.numel());

        var (expectedOutput, expectedGrad) = PoolRun.Run(x, upstream, v => PoolRun.Reference(v));
        var (output, grad) = PoolRun.Run(x, upstream, v => Pooling.ReluMaxPool2d(v));

        Bitwise.Equal(expectedOutput, output, "output");
        Bitwise.Equal(expectedGrad, grad, "input gradient");
    }
}
