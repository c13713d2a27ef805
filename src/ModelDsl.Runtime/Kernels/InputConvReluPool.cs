using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// Which input blocks (<c>max_pool2d(relu(conv2d(x, w, b)), 2)</c>) the fused kernel covers, and its forward and
/// weight/bias backward over whole tensors, split across threads.
/// </summary>
internal static unsafe class InputConvReluPool
{

    /// <summary>
    /// Whether the block is covered: everything <see cref="InputConv3x3.Covers"/> requires of the convolution, a 2x2
    /// stride-2 pool, and pooled rows at least <see cref="InputConvReluPoolKernel.MinimumPooledWidth"/> wide.
    /// </summary>
    public static bool Covers(Tensor input, Tensor weight, Tensor? bias, long kernelSize, long stride)
    {
        if (kernelSize != 2 || stride != 2 || !InputConv3x3.Covers(input, weight, bias))
        {
            return false;
        }

        var shape = input.shape;
        return (shape[2] - 2) / 2 >= 1 && (shape[3] - 2) / 2 >= InputConvReluPoolKernel.MinimumPooledWidth;
    }

    /// <summary>
    /// The pooled output, N x K x ((H - 2) / 2) x ((W - 2) / 2), and, when <paramref name="withWinners"/>, each window's
    /// winning cell as a uint8 tensor of the same shape (what <see cref="Backward"/> needs).
    /// </summary>
    public static (Tensor Output, Tensor? Winners) Forward(Tensor input, Tensor weight, Tensor? bias, bool withWinners)
    {
        var (n, h, w) = ImageShape(input);
        var channels = (int)weight.shape[0];
        long[] pooled = [n, channels, (h - 2) / 2, (w - 2) / 2];
        using var kernel = weight.contiguous();
        using var offsets = bias?.contiguous();
        var output = torch.empty(pooled, ScalarType.Float32);
        var winners = withWinners ? torch.empty(pooled, ScalarType.Byte) : null;
        using var split = SplitBuffer(n, h, w);
        {
            nint source = (nint)TensorMemory.Floats(input), into = (nint)TensorMemory.Floats(split);
            nint taps = (nint)TensorMemory.Floats(kernel), start = offsets is null ? 0 : (nint)TensorMemory.Floats(offsets);
            nint target = (nint)TensorMemory.Floats(output), won = winners is null ? 0 : (nint)TensorMemory.Bytes(winners);
            WorkSplitter.For(n, (long)channels * h * w, (first, end) =>
            {
                InputConvReluPoolKernel.Split((float*)source, (float*)into, first, end, h, w);
                InputConvReluPoolKernel.Forward((float*)into, (float*)taps, (float*)start, (float*)target, (byte*)won,
                    first, end, channels, h, w);
            });
        }

        return (output, winners);
    }

    /// <summary>The weight gradient (K x 1 x 3 x 3) and, when <paramref name="withBias"/>, the bias gradient (K).</summary>
    public static (Tensor Weight, Tensor? Bias) Backward(Tensor input, Tensor gradOutput, Tensor winners, int channels,
        bool withBias)
    {
        var (n, h, w) = ImageShape(input);
        using var gradient = gradOutput.to_type(ScalarType.Float32).contiguous();
        using var split = SplitBuffer(n, h, w);
        var sums = new float[channels * InputConvReluPoolKernel.Sums];
        fixed (float* totals = sums)
        {
            nint source = (nint)TensorMemory.Floats(input), into = (nint)TensorMemory.Floats(split), reduced = (nint)totals;
            nint incoming = (nint)TensorMemory.Floats(gradient), won = (nint)TensorMemory.Bytes(winners);
            InputConvReluPoolKernel.Split((float*)source, (float*)into, 0, n, h, w);

            // Channels are independent sums: whichever thread takes a channel, its gradient is the same.
            WorkSplitter.For(channels, (long)n * h * w, (first, end) => InputConvReluPoolKernel.Backward(
                (float*)into, (float*)incoming, (byte*)won, (float*)reduced, first, end, n, channels, h, w));

        }

        var weightGrad = torch.empty([channels, 1, 3, 3], ScalarType.Float32);
        var biasGrad = withBias ? torch.empty([channels], ScalarType.Float32) : null;
        var taps = TensorMemory.Floats(weightGrad);
        for (var channel = 0; channel < channels; channel++)
        {
            for (var tap = 0; tap < 9; tap++)
            {
                taps[channel * 9 + tap] = sums[channel * InputConvReluPoolKernel.Sums + tap];
            }

            if (biasGrad is not null)
            {
                TensorMemory.Floats(biasGrad)[channel] = sums[channel * InputConvReluPoolKernel.Sums + 9];
            }
        }

        return (weightGrad, biasGrad);
    }

    // Scratch from libtorch's allocator: not zeroed, and reused from the freed blocks NativeHeap keeps (a managed array
    // of this size would go to the large-object heap on every call).
    private static Tensor SplitBuffer(int n, int h, int w) =>
        torch.empty([(long)n * InputConvReluPoolKernel.SplitImageLength(h, w)], ScalarType.Float32);

    private static (int N, int H, int W) ImageShape(Tensor input)
    {
        var shape = input.shape;
        return ((int)shape[0], (int)shape[2], (int)shape[3]);
    }
}
