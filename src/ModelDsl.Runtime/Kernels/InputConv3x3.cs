using System.Runtime.Intrinsics.X86;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// Which convolutions the input-layer kernel covers, and its forward and weight/bias backward over whole tensors,
/// split across threads.
/// </summary>
internal static unsafe class InputConv3x3
{
    /// <summary>
    /// Whether <c>conv2d(input, weight, bias)</c> (stride 1, no padding) is covered: float32 CPU tensors, a contiguous
    /// single-channel input that needs no gradient, a 3x3 kernel, output rows at least eight wide, AVX2 and FMA.
    /// </summary>
    public static bool Covers(Tensor input, Tensor weight, Tensor? bias)
    {
        if (!Avx2.IsSupported || !Fma.IsSupported)
        {
            return false;
        }

        if (!IsCpuFloat(input) || !IsCpuFloat(weight) || (bias is not null && !IsCpuFloat(bias)))
        {
            return false;
        }

        if (input.requires_grad && torch.is_grad_enabled())
        {
            return false;
        }

        if (input.dim() != 4 || weight.dim() != 4 || !input.is_contiguous() || !TensorMemory.FitsSpan(input))
        {
            return false;
        }

        var x = input.shape;
        var w = weight.shape;
        if (x[0] == 0 || x[1] != 1 || w[0] == 0 || w[1] != 1 || w[2] != 3 || w[3] != 3)
        {
            return false;
        }

        if (x[2] < 3 || x[3] - 2 < InputConv3x3Kernel.MinimumOutputWidth
            || x[0] * w[0] * (x[2] - 2) * (x[3] - 2) * sizeof(float) > int.MaxValue)
        {
            return false;
        }

        return bias is null || (bias.dim() == 1 && bias.shape[0] == w[0]);
    }

    /// <summary>The convolution's output, N x K x (H - 2) x (W - 2), contiguous.</summary>
    public static Tensor Forward(Tensor input, Tensor weight, Tensor? bias)
    {
        var (n, h, w) = ImageShape(input);
        var channels = (int)weight.shape[0];
        using var kernel = weight.contiguous();
        using var offsets = bias?.contiguous();
        var output = torch.empty([n, channels, h - 2, w - 2], ScalarType.Float32);
        nint source = (nint)TensorMemory.Floats(input), taps = (nint)TensorMemory.Floats(kernel);
        nint start = offsets is null ? 0 : (nint)TensorMemory.Floats(offsets);
        nint target = (nint)TensorMemory.Floats(output);
        WorkSplitter.For(n * channels, 2L * (h - 2) * (w - 2), (first, end) => InputConv3x3Kernel.Forward(
            (float*)source, (float*)taps, (float*)start, (float*)target, first, end, channels, h, w));
        return output;
    }

    /// <summary>The weight gradient and, when <paramref name="withBias"/>, the bias gradient.</summary>
    public static (Tensor Weight, Tensor? Bias) Backward(Tensor input, Tensor gradOutput, int channels, bool withBias)
    {
        var (n, h, w) = ImageShape(input);
        using var gradient = gradOutput.to_type(ScalarType.Float32).contiguous();
        var parts = Math.Min(Math.Max(1, torch.get_num_threads()), n);
        var length = channels * InputConv3x3Kernel.Sums * 8;
        var partials = new float[(long)parts * length];
        fixed (float* sums = partials)
        {
            nint source = (nint)TensorMemory.Floats(input), incoming = (nint)TensorMemory.Floats(gradient);
            nint into = (nint)sums;
            // One partial sum per image range, reduced in a fixed order: the same gradient whichever thread ran first.
            WorkSplitter.For(parts, (long)n * channels * (h - 2) * (w - 2) / parts, (first, end) =>
            {
                for (var part = first; part < end; part++)
                {
                    InputConv3x3Kernel.AccumulateGradients((float*)source, (float*)incoming,
                        (float*)into + (long)part * length, n * part / parts, n * (part + 1) / parts, channels, h, w);
                }
            });

            var weightGrad = torch.empty([channels, 1, 3, 3], ScalarType.Float32);
            var biasGrad = withBias ? torch.empty([channels], ScalarType.Float32) : null;
            InputConv3x3Kernel.Reduce(sums, parts, channels, TensorMemory.Floats(weightGrad),
                biasGrad is null ? null : TensorMemory.Floats(biasGrad));
            return (weightGrad, biasGrad);
        }
    }

    private static bool IsCpuFloat(Tensor tensor) =>
        tensor.device_type == DeviceType.CPU && tensor.dtype == ScalarType.Float32;

    private static (int N, int H, int W) ImageShape(Tensor input)
    {
        var shape = input.shape;
        return ((int)shape[0], (int)shape[2], (int)shape[3]);
    }
}
