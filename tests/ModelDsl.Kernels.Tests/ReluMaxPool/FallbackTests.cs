using ModelDsl.Kernels.Tests.Support;
using ModelDsl.Runtime.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Kernels.Tests.ReluMaxPool;

/// <summary>What the fused kernel does not cover goes to TorchSharp's operators and gives their result.</summary>
[Collection(KernelsCollection.Name)]
public sealed class FallbackTests
{
    [Fact]
    public void Float64FallsBack()
    {
        using var scope = torch.NewDisposeScope();
        var x = Inputs.Normal([2, 3, 9, 8], seed: 1).to_type(ScalarType.Float64);
        Assert.Equal(ReluMaxPool2x2.Layout.None, ReluMaxPool2x2.LayoutOf(x));

        AssertSameAsReference(x, kernel: 2, stride: null);
    }

    [Fact]
    public void NonContiguousInputFallsBack()
    {
        using var scope = torch.NewDisposeScope();
        var x = Inputs.Normal([2, 3, 9, 8], seed: 2).transpose(2, 3).detach();
        Assert.Equal(ReluMaxPool2x2.Layout.None, ReluMaxPool2x2.LayoutOf(x));

        AssertSameAsReference(x, kernel: 2, stride: null);
    }

    [Theory]
    [InlineData(3, null)]
    [InlineData(2, 1L)]
    [InlineData(3, 2L)]
    public void OtherWindowsFallBack(long kernel, long? stride)
    {
        using var scope = torch.NewDisposeScope();
        var x = Inputs.WithTies([2, 3, 11, 10], seed: 3);

        AssertSameAsReference(x, kernel, stride);
    }

    [Fact]
    public void TooSmallInputFailsAsTorchSharpDoes()
    {
        using var scope = torch.NewDisposeScope();
        var x = Inputs.Normal([1, 1, 1, 5], seed: 4);
        Assert.Equal(ReluMaxPool2x2.Layout.None, ReluMaxPool2x2.LayoutOf(x));

        var expected = Record.Exception(() => PoolRun.Reference(x));
        var actual = Record.Exception(() => Pooling.ReluMaxPool2d(x));

        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected!.GetType(), actual!.GetType());
    }

    [Fact]
    public void TurnedOffKernelsGiveTheReferenceResult()
    {
        using var scope = torch.NewDisposeScope();
        var x = Inputs.WithTies([4, 8, 10, 10], seed: 5);
        var upstream = Inputs.Upstream([4, 8, 5, 5], seed: 5);
        var (expectedOutput, expectedGrad) = PoolRun.Run(x, upstream, v => PoolRun.Reference(v));

        var wasEnabled = FusedKernels.Enabled;
        FusedKernels.Enabled = false;
        try
        {
            var (output, grad) = PoolRun.Run(x, upstream, v => Pooling.ReluMaxPool2d(v));
            Bitwise.Equal(expectedOutput, output, "output");
            Bitwise.Equal(expectedGrad, grad, "input gradient");
        }
        finally
        {
            FusedKernels.Enabled = wasEnabled;
        }
    }

    [Theory]
    [InlineData("off", true)]
    [InlineData(" OFF ", true)]
    [InlineData("0", true)]
    [InlineData("false", true)]
    [InlineData("on", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void EnvironmentSettingTurnsKernelsOff(string? value, bool off) =>
        Assert.Equal(off, FusedKernels.IsOffSetting(value));

    private static void AssertSameAsReference(Tensor x, long kernel, long? stride)
    {
        var step = stride ?? kernel;
        var shape = x.shape;
        var outShape = new[] { shape[0], shape[1], (shape[2] - kernel) / step + 1, (shape[3] - kernel) / step + 1 };
        var upstream = Inputs.Upstream(outShape, seed: 9).to_type(x.dtype);

        var (expectedOutput, expectedGrad) = PoolRun.Run(x, upstream, v => PoolRun.Reference(v, kernel, stride));
        var (output, grad) = PoolRun.Run(x, upstream, v => Pooling.ReluMaxPool2d(v, kernel, stride));

        Assert.Equal(expectedOutput.dtype, output.dtype);
        Assert.True(expectedOutput.eq(output).all().item<bool>(), "output differs from TorchSharp's");
        Assert.True(expectedGrad.eq(grad).all().item<bool>(), "input gradient differs from TorchSharp's");
    }
}
