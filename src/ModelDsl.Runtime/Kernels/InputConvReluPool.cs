using System.Runtime.Intrinsics.X86;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// Which input blocks (<c>max_pool2d(relu(conv2d(x, w, b)), 2)</c>) the fused kernel covers, and its forward and
/// weight/bias backward over whole tensors, split across threads. On CPUs with AVX-512 the sixteen-window kernel
/// (<see cref="InputConvReluPoolKernel512"/>) runs, elsewhere the eight-window AVX2 one (<see cref="InputConvReluPoolKernel"/>).
/// </summary>
internal static unsafe class InputConvReluPool
{
    /// <summary>Whether the AVX-512 kernel is used where the CPU has it (tests turn it off to check the AVX2 kernel).</summary>
    internal static bool PreferAvx512 { get; set; } = true;

    /// <summary>Whether the AVX-512 kernel runs now.</summary>
    public static bool Wide => PreferAvx512 && Avx512F.IsSupported;

    /// <summary>
    /// Whether the block is covered: everything <see cref="InputConv3x3.Covers"/> requires of the convolution, a 2x2
    /// stride-2 pool, at least one pooled row, and pooled rows at least
    /// <see cref="InputConvReluPoolKernel.MinimumPooledWidth"/> wide for the AVX2 kernel.
    /// </summary>
    public static bool Covers(Tensor input, Tensor weight, Tensor? bias, long kernelSize, long stride)
    {
        if (kernelSize != 2 || stride != 2 || !InputConv3x3.Covers(input, weight, bias))
        {
            return false;
        }

        var shape = input.shape;
        var minimumWidth = Wide ? 1 : InputConvReluPoolKernel.MinimumPooledWidth;
        return (shape[2] - 2) / 2 >= 1 && (shape[3] - 2) / 2 >= minimumWidth;
    }

    /// <summary>
    /// The pooled output, N x K x ((H - 2) / 2) x ((W - 2) / 2), and, when <paramref name="withWinners"/>, each window's
    /// winning cell as uint8 (what <see cref="Backward"/> needs; rows padded for the kernel that wrote them).
    /// </summary>
    /// <param name="input">The images.</param>
    /// <param name="weight">The filters.</param>
    /// <param name="bias">The biases, or null.</param>
    /// <param name="withWinners">Whether to return the winners (for a backward pass).</param>
    /// <param name="wide">Whether to run the AVX-512 kernel (<see cref="Wide"/>); backward must be told the same.</param>
    public static (Tensor Output, Tensor? Winners) Forward(Tensor input, Tensor weight, Tensor? bias, bool withWinners, bool wide)
    {
        var (n, h, w) = ImageShape(input);
        var channels = (int)weight.shape[0];
        long pooledHeight = (h - 2) / 2, pooledWidth = (w - 2) / 2;
        using var kernel = weight.contiguous();
        using var offsets = bias?.contiguous();
        var output = torch.empty([n, channels, pooledHeight, pooledWidth], ScalarType.Float32);
        var winners = withWinners
            ? torch.empty([n, channels, pooledHeight, wide ? InputConvReluPoolKernel512.Stride(w) : pooledWidth], ScalarType.Byte)
            : null;
        using var split = SplitBuffer(n, h, w, wide);
        nint source = (nint)TensorMemory.Floats(input), into = (nint)TensorMemory.Floats(split);
        nint taps = (nint)TensorMemory.Floats(kernel), start = offsets is null ? 0 : (nint)TensorMemory.Floats(offsets);
        nint target = (nint)TensorMemory.Floats(output), won = winners is null ? 0 : (nint)TensorMemory.Bytes(winners);
        WorkSplitter.For(n, (long)channels * h * w, (first, end) =>
        {
            if (wide)
            {
                InputConvReluPoolKernel512.Split((float*)source, (float*)into, first, end, h, w);
                InputConvReluPoolKernel512.Forward((float*)into, (float*)taps, (float*)start, (float*)target, (byte*)won,
                    first, end, channels, h, w);
            }
            else
            {
                InputConvReluPoolKernel.Split((float*)source, (float*)into, first, end, h, w);
                InputConvReluPoolKernel.Forward((float*)into, (float*)taps, (float*)start, (float*)target, (byte*)won,
                    first, end, channels, h, w);
            }
        });
        return (output, winners);
    }

    /// <summary>The weight gradient (K x 1 x 3 x 3) and, when <paramref name="withBias"/>, the bias gradient (K).</summary>
    /// <param name="input">The images.</param>
    /// <param name="gradOutput">The gradient of the pooled output.</param>
    /// <param name="winners">What <see cref="Forward"/> returned.</param>
    /// <param name="channels">The number of filters.</param>
    /// <param name="withBias">Whether to compute the bias gradient.</param>
    /// <param name="wide">Whether forward ran the AVX-512 kernel (the winners' row layout depends on it).</param>
    public static (Tensor Weight, Tensor? Bias) Backward(Tensor input, Tensor gradOutput, Tensor winners, int channels,
        bool withBias, bool wide)
    {
        var (n, h, w) = ImageShape(input);
        using var gradient = gradOutput.to_type(ScalarType.Float32).contiguous();
        using var split = SplitBuffer(n, h, w, wide);
        var sums = new float[channels * InputConvReluPoolKernel.Sums];
        fixed (float* totals = sums)
        {
            nint source = (nint)TensorMemory.Floats(input), into = (nint)TensorMemory.Floats(split), reduced = (nint)totals;
            nint incoming = (nint)TensorMemory.Floats(gradient), won = (nint)TensorMemory.Bytes(winners);
            // Channels are independent sums: whichever thread takes a channel, its gradient is the same.
            if (wide)
            {
                InputConvReluPoolKernel512.Split((float*)source, (float*)into, 0, n, h, w);
                WorkSplitter.For(channels, (long)n * h * w, (first, end) => InputConvReluPoolKernel512.Backward(
                    (float*)into, (float*)incoming, (byte*)won, (float*)reduced, first, end, n, channels, h, w));
            }
            else
            {
                InputConvReluPoolKernel.Split((float*)source, (float*)into, 0, n, h, w);
                WorkSplitter.For(channels, (long)n * h * w, (first, end) => InputConvReluPoolKernel.Backward(
                    (float*)into, (float*)incoming, (byte*)won, (float*)reduced, first, end, n, channels, h, w));
            }
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
    private static Tensor SplitBuffer(int n, int h, int w, bool wide) =>
        torch.empty([(long)n * (wide ? InputConvReluPoolKernel512.SplitImageLength(h, w) : InputConvReluPoolKernel.SplitImageLength(h, w))],
            ScalarType.Float32);

    private static (int N, int H, int W) ImageShape(Tensor input)
    {
        var shape = input.shape;
        return ((int)shape[0], (int)shape[2], (int)shape[3]);
    }
}
