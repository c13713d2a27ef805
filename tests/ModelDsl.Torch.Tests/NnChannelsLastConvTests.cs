using ModelDsl.Torch.Nn;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>
/// Inner convolutions run channels-last (nn_conv.cpp); the layout is internal: values and gradients equal
/// PyTorch's (fixtures/Nn/conv.json, channel counts from 8 up take this path) and whatever layout comes in.
/// </summary>
public class NnChannelsLastConvTests
{
    [Fact]
    public void InnerConvolutionOutputIsChannelsLastAndEqualsTheRowMajorResult()
    {
        using var scope = DisposeScope.Begin();
        TorchRuntime.ManualSeed(3);
        var x = Tensor.Randn(2, 16, 9, 9);
        var w = (Tensor.Randn(8, 16, 3, 3) * 0.2f).RequiresGrad_();
        var b = Tensor.Randn(8).RequiresGrad_();
        var y = F.Conv2d(x, w, b, padding: Padding2d.Same);
        Assert.True(y.IsContiguousIn(MemoryFormat.ChannelsLast));

        // The same convolution from a channels-last input gives the same numbers.
        var y2 = F.Conv2d(x.Contiguous(MemoryFormat.ChannelsLast), w, b, padding: Padding2d.Same);
        Assert.Equal(y.ToArray<float>(), y2.ToArray<float>());

        // Reference: the convolution written as unfold + matmul, which has nothing to do with oneDNN.
        var reference = Reference(x, w.Detach(), b.Detach());
        var got = y.ToArray<float>();
        var want = reference.ToArray<float>();
        for (var i = 0; i < got.Length; i++) Assert.True(Math.Abs(got[i] - want[i]) < 1e-4, $"element {i}: {got[i]} vs {want[i]}");

        y.Backward(Tensor.Ones(y.Shape));
        Assert.True(w.Grad!.IsContiguous, "the parameter's gradient keeps the parameter's layout");
        Assert.Equal([8L, 16, 3, 3], w.Grad.Shape);
    }

    // conv2d with 'same' padding, 3x3, stride 1, by explicit loops over the kernel taps.
    private static Tensor Reference(Tensor x, Tensor w, Tensor b)
    {
        var padded = F.ZeroPad2d(x, 1, 1, 1, 1);
        Tensor? sum = null;
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                // [N, Cin, 9, 9] window times w[:, :, i, j] -> [N, Cout, 9, 9]
                var window = padded.Narrow(2, i, 9).Narrow(3, j, 9);
                var tap = w.Narrow(2, i, 1).Narrow(3, j, 1).Reshape(8, 16);
                var term = tap.Matmul(window.Permute(0, 2, 1, 3).Reshape(2, 9, 16, 9)).Permute(0, 2, 1, 3);
                sum = sum is null ? term : sum + term;
            }
        }
        return sum! + b.Reshape(1, 8, 1, 1);
    }
}
