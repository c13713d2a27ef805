using ModelDsl.Kernels.Tests.Support;
using ModelDsl.Runtime.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Kernels.Tests.InputConv;

/// <summary>
/// The input-layer convolution against TorchSharp's <c>conv2d</c>: outputs and weight/bias gradients agree to float
/// rounding (the sums run in another order); everything the kernel does not cover is <c>conv2d</c> itself.
/// </summary>
[Collection(KernelsCollection.Name)]
public sealed class InputConv2dTests
{
    // Output widths around the 8-column blocks: exactly one block, blocks plus an overlapping last block, one row.
    [Theory]
    [InlineData(64, 28, 28, 32, true)]
    [InlineData(1, 10, 10, 4, true)]
    [InlineData(3, 13, 29, 5, true)]
    [InlineData(2, 3, 11, 1, true)]
    [InlineData(5, 17, 20, 16, false)]
    public void MatchesConv2dValuesAndGradients(long n, long h, long w, long filters, bool withBias)
    {
        if (!System.Runtime.Intrinsics.X86.Fma.IsSupported || !System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            return; // The kernel needs AVX2 + FMA; elsewhere the fallback tests below cover the entry point.
        }

        using var scope = torch.NewDisposeScope();
        var images = Inputs.Normal([n, 1, h, w], seed: (int)(n + h * 7 + w * 13));
        var weightValues = Inputs.Normal([filters, 1, 3, 3], seed: 2);
        var biasValues = withBias ? Inputs.Normal([filters], seed: 3) : null;
        Assert.True(InputConv3x3.Covers(images, weightValues, biasValues));
        var upstream = Inputs.Upstream([n, filters, h - 2, w - 2], seed: 4);

        var expected = Run(images, weightValues, biasValues, upstream, (x, k, b) => torch.nn.functional.conv2d(x, k, b));
        var actual = Run(images, weightValues, biasValues, upstream, Convolution.InputConv2d);

        AssertClose(expected.Output, actual.Output, "output");
        AssertClose(expected.WeightGrad, actual.WeightGrad, "weight gradient");
        if (withBias)
        {
            AssertClose(expected.BiasGrad!, actual.BiasGrad!, "bias gradient");
        }
    }

    [Fact]
    public void GradientsAreDeterministic()
    {
        using var scope = torch.NewDisposeScope();
        var images = Inputs.Normal([64, 1, 28, 28], seed: 5);
        var weight = Inputs.Normal([32, 1, 3, 3], seed: 6);
        var bias = Inputs.Normal([32], seed: 7);
        var upstream = Inputs.Upstream([64, 32, 26, 26], seed: 8);

        var first = Run(images, weight, bias, upstream, Convolution.InputConv2d);
        var second = Run(images, weight, bias, upstream, Convolution.InputConv2d);

        Bitwise.Equal(first.Output, second.Output, "output");
        Bitwise.Equal(first.WeightGrad, second.WeightGrad, "weight gradient");
        Bitwise.Equal(first.BiasGrad!, second.BiasGrad!, "bias gradient");
    }

    [Fact]
    public void InputThatRequiresGradGoesToConv2dWithItsInputGradient()
    {
        using var scope = torch.NewDisposeScope();
        var images = Inputs.Normal([2, 1, 12, 12], seed: 9).requires_grad_(true);
        var weight = Inputs.Normal([4, 1, 3, 3], seed: 10);
        Assert.False(InputConv3x3.Covers(images, weight, null));

        var output = Convolution.InputConv2d(images, weight);
        output.sum().backward();

        using var reference = images.detach().requires_grad_(true);
        torch.nn.functional.conv2d(reference, weight).sum().backward();
        Bitwise.Equal(reference.grad!, images.grad!, "input gradient");
    }

    public static TheoryData<string> Uncovered() => new() { "float64", "3 channels", "5x5", "narrow", "strided" };

    [Theory]
    [MemberData(nameof(Uncovered))]
    public void UncoveredGeometryGivesConv2dExactly(string variant)
    {
        using var scope = torch.NewDisposeScope();
        var (images, weight) = variant switch
        {
            "float64" => (Inputs.Normal([2, 1, 12, 12], 11).to_type(ScalarType.Float64), Inputs.Normal([4, 1, 3, 3], 12).to_type(ScalarType.Float64)),
            "3 channels" => (Inputs.Normal([2, 3, 12, 12], 11), Inputs.Normal([4, 3, 3, 3], 12)),
            "5x5" => (Inputs.Normal([2, 1, 12, 12], 11), Inputs.Normal([4, 1, 5, 5], 12)),
            "narrow" => (Inputs.Normal([2, 1, 12, 9], 11), Inputs.Normal([4, 1, 3, 3], 12)),
            _ => (Inputs.Normal([2, 1, 12, 24], 11)[.., .., .., TensorIndex.Slice(null, null, 2)], Inputs.Normal([4, 1, 3, 3], 12)),
        };
        Assert.False(InputConv3x3.Covers(images, weight, null));
        var shape = torch.nn.functional.conv2d(images, weight).shape;
        var upstream = Inputs.Upstream(shape, seed: 13).to_type(images.dtype);

        var expected = Run(images, weight, null, upstream, (x, k, b) => torch.nn.functional.conv2d(x, k, b));
        var actual = Run(images, weight, null, upstream, Convolution.InputConv2d);

        Assert.True(expected.Output.eq(actual.Output).all().item<bool>(), "output differs from conv2d's");
        Assert.True(expected.WeightGrad.eq(actual.WeightGrad).all().item<bool>(), "weight gradient differs from conv2d's");
    }

    [Fact]
    public void TurnedOffKernelsGiveConv2dExactly()
    {
        using var scope = torch.NewDisposeScope();
        var images = Inputs.Normal([4, 1, 28, 28], seed: 14);
        var weight = Inputs.Normal([8, 1, 3, 3], seed: 15);
        var bias = Inputs.Normal([8], seed: 16);
        var upstream = Inputs.Upstream([4, 8, 26, 26], seed: 17);
        var expected = Run(images, weight, bias, upstream, (x, k, b) => torch.nn.functional.conv2d(x, k, b));

        var wasEnabled = FusedKernels.Enabled;
        FusedKernels.Enabled = false;
        try
        {
            var actual = Run(images, weight, bias, upstream, Convolution.InputConv2d);
            Bitwise.Equal(expected.Output, actual.Output, "output");
            Bitwise.Equal(expected.WeightGrad, actual.WeightGrad, "weight gradient");
            Bitwise.Equal(expected.BiasGrad!, actual.BiasGrad!, "bias gradient");
        }
        finally
        {
            FusedKernels.Enabled = wasEnabled;
        }
    }

    private sealed record Result(Tensor Output, Tensor WeightGrad, Tensor? BiasGrad);

    private static Result Run(Tensor images, Tensor weightValues, Tensor? biasValues, Tensor upstream,
        Func<Tensor, Tensor, Tensor?, Tensor> conv)
    {
        var weight = weightValues.detach().requires_grad_(true);
        var bias = biasValues?.detach().requires_grad_(true);
        var output = conv(images, weight, bias);
        output.backward([upstream]);
        return new Result(output.detach(), weight.grad!.detach(), bias?.grad!.detach());
    }

    private static void AssertClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        var scale = expected.abs().max().item<float>();
        var worst = (expected - actual).abs().max().item<float>();
        Assert.True(worst <= 1e-5f * Math.Max(1f, scale) * 4, $"{what}: largest difference {worst} (largest value {scale}).");
    }
}
