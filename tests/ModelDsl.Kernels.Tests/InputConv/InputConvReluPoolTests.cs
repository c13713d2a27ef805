using ModelDsl.Kernels.Tests.Support;
using ModelDsl.Runtime.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Kernels.Tests.InputConv;

/// <summary>
/// The fused input block <c>max_pool2d(relu(conv2d(x, w, b)), 2)</c> against the two kernels it replaces and against
/// TorchSharp's three operators: pooled values bit for bit, gradients to float rounding on real-valued inputs and bit
/// for bit where every sum is exact (small integers), ties, dead windows, -0.0 and NaN included.
/// </summary>
[Collection(KernelsCollection.Name)]
public sealed class InputConvReluPoolTests
{
    private static bool Supported =>
        System.Runtime.Intrinsics.X86.Fma.IsSupported && System.Runtime.Intrinsics.X86.Avx2.IsSupported;

    /// <summary>The kernels to check on this CPU: the AVX2 one, and the AVX-512 one where the CPU has it.</summary>
    private static IEnumerable<bool> Paths() =>
        System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? [false, true] : [false];

    // Pooled widths around the 8-window blocks (8, 9, 13, 16, 17), odd heights and widths, one pooled row, no bias.
    [Theory]
    [InlineData(64, 28, 28, 32, true)]
    [InlineData(1, 20, 20, 4, true)]
    [InlineData(3, 21, 35, 5, true)]
    [InlineData(2, 4, 18, 3, true)]
    [InlineData(5, 19, 37, 16, false)]
    [InlineData(2, 30, 36, 7, true)]
    public void ValuesAreTheComposedKernelsBitForBitAndGradientsAgree(long n, long h, long w, long filters, bool withBias)
    {
        if (!Supported) return; // Elsewhere the fallback tests below cover the entry point.

        foreach (var wide in Paths()) OnPath(wide, () => ValuesAndGradients(n, h, w, filters, withBias));
    }

    private static void ValuesAndGradients(long n, long h, long w, long filters, bool withBias)
    {
        using var scope = torch.NewDisposeScope();
        var images = Inputs.Normal([n, 1, h, w], seed: (int)(n + h * 7 + w * 13));
        var weight = Inputs.Normal([filters, 1, 3, 3], seed: 2);
        var bias = withBias ? Inputs.Normal([filters], seed: 3) : null;
        Assert.True(InputConvReluPool.Covers(images, weight, bias, 2, 2));
        var upstream = Inputs.Upstream([n, filters, (h - 2) / 2, (w - 2) / 2], seed: 4);

        var composed = Run(images, weight, bias, upstream, Composed);
        var reference = Run(images, weight, bias, upstream, TorchSharpOps);
        var fused = Run(images, weight, bias, upstream, Convolution.InputConv2dReluMaxPool2d);

        Bitwise.Equal(composed.Output, fused.Output, "output");
        AssertClose(composed.WeightGrad, fused.WeightGrad, "weight gradient");
        AssertClose(reference.WeightGrad, fused.WeightGrad, "weight gradient against TorchSharp");
        AssertClose(reference.Output, fused.Output, "output against TorchSharp");
        if (withBias)
        {
            AssertClose(composed.BiasGrad!, fused.BiasGrad!, "bias gradient");
            AssertClose(reference.BiasGrad!, fused.BiasGrad!, "bias gradient against TorchSharp");
        }
    }

    // Small integers make every convolution value and every gradient sum exact in float32, whatever the order of the
    // sums: then the winners of tied windows (first maximum), dead windows and -0.0 must give TorchSharp's bits.
    [Theory]
    [InlineData(6, 28, 28, 8)]
    [InlineData(3, 11, 23, 5)]
    public void TiesDeadWindowsAndNegativeZeroFollowLibtorchExactly(long n, long h, long w, long filters)
    {
        if (!Supported) return;

        foreach (var wide in Paths()) OnPath(wide, () => TiesAndDeadWindows(n, h, w, filters));
    }

    private static void TiesAndDeadWindows(long n, long h, long w, long filters)
    {
        using var scope = torch.NewDisposeScope();
        var images = Inputs.WithTies([n, 1, h, w], seed: 21);
        using var generator = Inputs.Seeded(22);
        var weight = torch.randint(-1, 2, [filters, 1, 3, 3], generator: generator).to_type(ScalarType.Float32);
        var bias = torch.randint(-2, 2, [filters], generator: generator).to_type(ScalarType.Float32);
        var upstream = torch.randint(-3, 4, [n, filters, (h - 2) / 2, (w - 2) / 2], generator: generator)
            .to_type(ScalarType.Float32);

        var reference = Run(images, weight, bias, upstream, TorchSharpOps);
        var fused = Run(images, weight, bias, upstream, Convolution.InputConv2dReluMaxPool2d);

        Assert.True(reference.Output.le(0).sum().item<long>() > 0, "the inputs should hold dead windows");
        Bitwise.Equal(reference.Output, fused.Output, "output");
        Bitwise.Equal(reference.WeightGrad, fused.WeightGrad, "weight gradient");
        Bitwise.Equal(reference.BiasGrad!, fused.BiasGrad!, "bias gradient");
    }

    [Fact]
    public void NaNWinsItsWindowAndCarriesTheGradientAsInLibtorch()
    {
        if (!Supported) return;

        foreach (var wide in Paths()) OnPath(wide, NaNWindows);
    }

    private static void NaNWindows()
    {
        using var scope = torch.NewDisposeScope();
        var images = Inputs.WithNaN([4, 1, 20, 22], seed: 31, fraction: 0.002);
        var weight = Inputs.Normal([6, 1, 3, 3], seed: 32);
        var bias = Inputs.Normal([6], seed: 33);
        var upstream = Inputs.Upstream([4, 6, 9, 10], seed: 34);

        var composed = Run(images, weight, bias, upstream, Composed);
        var fused = Run(images, weight, bias, upstream, Convolution.InputConv2dReluMaxPool2d);

        Assert.True(fused.Output.isnan().any().item<bool>(), "the inputs should put NaN into some windows");
        Bitwise.Equal(composed.Output, fused.Output, "output");
        // A NaN under a winner makes its channel's sums NaN on both sides; elsewhere they agree to rounding.
        Assert.True(composed.WeightGrad.isnan().eq(fused.WeightGrad.isnan()).all().item<bool>(), "NaN weight gradients differ");
        AssertClose(composed.WeightGrad.nan_to_num(), fused.WeightGrad.nan_to_num(), "weight gradient");
        Assert.True(composed.BiasGrad!.isnan().eq(fused.BiasGrad!.isnan()).all().item<bool>(), "NaN bias gradients differ");
    }

    [Fact]
    public void GradientsDoNotDependOnTheNumberOfThreads()
    {
        if (!Supported) return;

        foreach (var wide in Paths()) OnPath(wide, ThreadIndependence);
    }

    private static void ThreadIndependence()
    {
        using var scope = torch.NewDisposeScope();
        var images = Inputs.Normal([64, 1, 28, 28], seed: 41);
        var weight = Inputs.Normal([32, 1, 3, 3], seed: 42);
        var bias = Inputs.Normal([32], seed: 43);
        var upstream = Inputs.Upstream([64, 32, 13, 13], seed: 44);

        var serial = WithWorkers(1, () => Run(images, weight, bias, upstream, Convolution.InputConv2dReluMaxPool2d));
        var parallel = WithWorkers(3, () => Run(images, weight, bias, upstream, Convolution.InputConv2dReluMaxPool2d));

        Bitwise.Equal(serial.Output, parallel.Output, "output");
        Bitwise.Equal(serial.WeightGrad, parallel.WeightGrad, "weight gradient");
        Bitwise.Equal(serial.BiasGrad!, parallel.BiasGrad!, "bias gradient");
    }

    [Fact]
    public void WithoutGradientsNoGraphIsBuiltAndValuesAreTheSame()
    {
        if (!Supported) return;

        using var scope = torch.NewDisposeScope();
        var images = Inputs.Normal([8, 1, 28, 28], seed: 51);
        var weight = Inputs.Normal([4, 1, 3, 3], seed: 52).requires_grad_(true);
        var bias = Inputs.Normal([4], seed: 53).requires_grad_(true);
        var withGraph = Convolution.InputConv2dReluMaxPool2d(images, weight, bias, 2);

        Tensor withoutGraph;
        using (torch.no_grad())
        {
            withoutGraph = Convolution.InputConv2dReluMaxPool2d(images, weight, bias, 2);
        }

        Assert.True(withGraph.requires_grad);
        Assert.False(withoutGraph.requires_grad);
        Bitwise.Equal(withGraph.detach(), withoutGraph, "output");
    }

    [Fact]
    public void GradientsAccumulateOverTwoBackwardPasses()
    {
        if (!Supported) return;

        using var scope = torch.NewDisposeScope();
        var images = Inputs.Normal([4, 1, 20, 20], seed: 61);
        var weight = Inputs.Normal([3, 1, 3, 3], seed: 62).requires_grad_(true);
        var upstream = Inputs.Upstream([4, 3, 9, 9], seed: 63);
        var output = Convolution.InputConv2dReluMaxPool2d(images, weight, null, 2);
        output.backward([upstream], retain_graph: true);
        var once = weight.grad!.clone();
        output.backward([upstream]);

        AssertClose(once * 2, weight.grad!, "accumulated weight gradient");
    }

    public static TheoryData<string> Uncovered() =>
        new() { "float64", "3 channels", "5x5 filters", "pool 3", "narrow", "images need a gradient" };

    [Theory]
    [MemberData(nameof(Uncovered))]
    public void UncoveredBlocksGiveTheComposedKernelsExactly(string variant)
    {
        using var scope = torch.NewDisposeScope();
        var (images, weight, pool) = variant switch
        {
            "float64" => (Inputs.Normal([2, 1, 28, 28], 71).to_type(ScalarType.Float64), Inputs.Normal([4, 1, 3, 3], 72).to_type(ScalarType.Float64), 2L),
            "3 channels" => (Inputs.Normal([2, 3, 28, 28], 71), Inputs.Normal([4, 3, 3, 3], 72), 2L),
            "5x5 filters" => (Inputs.Normal([2, 1, 28, 28], 71), Inputs.Normal([4, 1, 5, 5], 72), 2L),
            "pool 3" => (Inputs.Normal([2, 1, 28, 28], 71), Inputs.Normal([4, 1, 3, 3], 72), 3L),
            "narrow" => (Inputs.Normal([2, 1, 28, 17], 71), Inputs.Normal([4, 1, 3, 3], 72), 2L),
            _ => (Inputs.Normal([2, 1, 28, 28], 71).requires_grad_(true), Inputs.Normal([4, 1, 3, 3], 72), 2L),
        };
        var bias = Inputs.Normal([4], 73).to_type(images.dtype);
        // Rows of fewer than eight windows are covered by the AVX-512 kernel only.
        using var narrowPath = new PathScope(variant == "narrow" ? false : InputConvReluPool.PreferAvx512);
        Assert.False(InputConvReluPool.Covers(images, weight, bias, pool, pool));
        using var probe = torch.no_grad();
        var expected = Pooling.ReluMaxPool2d(Convolution.InputConv2d(images, weight, bias), pool);
        var actual = Convolution.InputConv2dReluMaxPool2d(images, weight, bias, pool);

        Assert.True(expected.eq(actual).all().item<bool>(), $"{variant}: output differs from the composed kernels'");
    }

    [Fact]
    public void ImagesThatNeedAGradientGetTheirGradient()
    {
        using var scope = torch.NewDisposeScope();
        var images = Inputs.Normal([2, 1, 28, 28], seed: 81).requires_grad_(true);
        var weight = Inputs.Normal([4, 1, 3, 3], seed: 82);
        Convolution.InputConv2dReluMaxPool2d(images, weight, null, 2).sum().backward();

        using var reference = images.detach().requires_grad_(true);
        TorchSharpOps(reference, weight, null).sum().backward();
        Bitwise.Equal(reference.grad!, images.grad!, "image gradient");
    }

    [Fact]
    public void TurnedOffKernelsGiveTorchSharpsOperatorsExactly()
    {
        using var scope = torch.NewDisposeScope();
        var images = Inputs.Normal([4, 1, 28, 28], seed: 91);
        var weight = Inputs.Normal([8, 1, 3, 3], seed: 92);
        var bias = Inputs.Normal([8], seed: 93);
        var upstream = Inputs.Upstream([4, 8, 13, 13], seed: 94);
        var expected = Run(images, weight, bias, upstream, TorchSharpOps);

        var wasEnabled = FusedKernels.Enabled;
        FusedKernels.Enabled = false;
        try
        {
            var actual = Run(images, weight, bias, upstream, Convolution.InputConv2dReluMaxPool2d);
            Bitwise.Equal(expected.Output, actual.Output, "output");
            Bitwise.Equal(expected.WeightGrad, actual.WeightGrad, "weight gradient");
            Bitwise.Equal(expected.BiasGrad!, actual.BiasGrad!, "bias gradient");
        }
        finally
        {
            FusedKernels.Enabled = wasEnabled;
        }
    }

    // Rows of 4 to 7 windows (convolution rows of 8 to 15, the narrowest the input kernels take): one masked block of the
    // AVX-512 kernel, which the AVX2 kernel leaves to the two separate kernels.
    [Theory]
    [InlineData(3, 9, 10, 4)]
    [InlineData(2, 12, 17, 6)]
    [InlineData(5, 4, 11, 3)]
    public void TheWideKernelCoversRowsOfFewerThanEightWindows(long n, long h, long w, long filters)
    {
        if (!Supported || !System.Runtime.Intrinsics.X86.Avx512F.IsSupported) return;

        OnPath(true, () =>
        {
            using var scope = torch.NewDisposeScope();
            var images = Inputs.Normal([n, 1, h, w], seed: 101);
            var weight = Inputs.Normal([filters, 1, 3, 3], seed: 102);
            var bias = Inputs.Normal([filters], seed: 103);
            Assert.True(InputConvReluPool.Covers(images, weight, bias, 2, 2));
            var upstream = Inputs.Upstream([n, filters, (h - 2) / 2, (w - 2) / 2], seed: 104);

            var composed = Run(images, weight, bias, upstream, Composed);
            var reference = Run(images, weight, bias, upstream, TorchSharpOps);
            var fused = Run(images, weight, bias, upstream, Convolution.InputConv2dReluMaxPool2d);

            Bitwise.Equal(composed.Output, fused.Output, "output");
            AssertClose(reference.Output, fused.Output, "output against TorchSharp");
            AssertClose(reference.WeightGrad, fused.WeightGrad, "weight gradient");
            AssertClose(reference.BiasGrad!, fused.BiasGrad!, "bias gradient");
        });
    }

    private static void OnPath(bool wide, Action check)
    {
        using var path = new PathScope(wide);
        check();
    }

    /// <summary>Chooses the AVX-512 or the AVX2 kernel until disposed.</summary>
    private sealed class PathScope : IDisposable
    {
        private readonly bool previous = InputConvReluPool.PreferAvx512;

        public PathScope(bool wide) => InputConvReluPool.PreferAvx512 = wide;

        public void Dispose() => InputConvReluPool.PreferAvx512 = previous;
    }

    private sealed record Result(Tensor Output, Tensor WeightGrad, Tensor? BiasGrad);

    private static Tensor Composed(Tensor x, Tensor w, Tensor? b, long pool) =>
        Pooling.ReluMaxPool2d(Convolution.InputConv2d(x, w, b), pool);

    private static Tensor TorchSharpOps(Tensor x, Tensor w, Tensor? b, long pool = 2) =>
        torch.nn.functional.max_pool2d(torch.nn.functional.relu(torch.nn.functional.conv2d(x, w, b)), [pool, pool], [pool, pool]);

    private static Result Run(Tensor images, Tensor weightValues, Tensor? biasValues, Tensor upstream,
        Func<Tensor, Tensor, Tensor?, long, Tensor> block)
    {
        var weight = weightValues.detach().requires_grad_(true);
        var bias = biasValues?.detach().requires_grad_(true);
        var output = block(images, weight, bias, 2);
        output.backward([upstream]);
        return new Result(output.detach(), weight.grad!.detach(), bias?.grad!.detach());
    }

    private static T WithWorkers<T>(int workers, Func<T> run)
    {
        WorkSplitter.WorkerLimit = workers;
        try
        {
            return run();
        }
        finally
        {
            WorkSplitter.WorkerLimit = null;
        }
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var scale = expected.abs().max().item<float>();
        var worst = (expected - actual).abs().max().item<float>();
        Assert.True(worst <= 1e-5f * Math.Max(1f, scale) * 4, $"{what}: largest difference {worst} (largest value {scale}).");
    }
}
