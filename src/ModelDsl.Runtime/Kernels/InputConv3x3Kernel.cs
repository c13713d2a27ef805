using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// A 3x3, stride-1, unpadded convolution of single-channel images (a network's input layer), forward and the
/// weight and bias gradients; the input gradient is never needed there. Contiguous float32 NCHW throughout, AVX2 +
/// FMA only (the caller falls back to libtorch elsewhere), eight output columns per step. A row's last block overlaps
/// the one before it instead of running a scalar tail, so output rows must be at least eight wide.
/// </summary>
internal static unsafe class InputConv3x3Kernel
{
    /// <summary>Kernel cells (taps) per output channel.</summary>
    public const int Taps = 9;

    /// <summary>Accumulators per output channel in backward: one per tap, then the bias.</summary>
    public const int Sums = Taps + 1;

    /// <summary>The narrowest output row the kernels handle.</summary>
    public const int MinimumOutputWidth = 8;

    /// <summary>Computes output planes [first, end) (plane p is image p / channels, channel p % channels).</summary>
    public static void Forward(float* input, float* weight, float* bias, float* output, int first, int end,
        int channels, int height, int width)
    {
        int outHeight = height - 2, outWidth = width - 2;
        for (var plane = first; plane < end; plane++)
        {
            int image = plane / channels, channel = plane % channels;
            var taps = weight + channel * Taps;
            var w0 = Vector256.Create(taps[0]);
            var w1 = Vector256.Create(taps[1]);
            var w2 = Vector256.Create(taps[2]);
            var w3 = Vector256.Create(taps[3]);
            var w4 = Vector256.Create(taps[4]);
            var w5 = Vector256.Create(taps[5]);
            var w6 = Vector256.Create(taps[6]);
            var w7 = Vector256.Create(taps[7]);
            var w8 = Vector256.Create(taps[8]);
            var start = Vector256.Create(bias == null ? 0f : bias[channel]);
            var source = input + (long)image * height * width;
            var target = output + (long)plane * outHeight * outWidth;
            for (var row = 0; row < outHeight; row++)
            {
                var r0 = source + (long)row * width;
                var r1 = r0 + width;
                var r2 = r1 + width;
                var o = target + (long)row * outWidth;
                for (var column = 0; column < outWidth; column += 8)
                {
                    // The last block may overlap the previous one: it recomputes the same values.
                    var j = Math.Min(column, outWidth - 8);
                    var sum = Fma.MultiplyAdd(Avx.LoadVector256(r0 + j), w0, start);
                    sum = Fma.MultiplyAdd(Avx.LoadVector256(r0 + j + 1), w1, sum);
                    sum = Fma.MultiplyAdd(Avx.LoadVector256(r0 + j + 2), w2, sum);
                    sum = Fma.MultiplyAdd(Avx.LoadVector256(r1 + j), w3, sum);
                    sum = Fma.MultiplyAdd(Avx.LoadVector256(r1 + j + 1), w4, sum);
                    sum = Fma.MultiplyAdd(Avx.LoadVector256(r1 + j + 2), w5, sum);
                    sum = Fma.MultiplyAdd(Avx.LoadVector256(r2 + j), w6, sum);
                    sum = Fma.MultiplyAdd(Avx.LoadVector256(r2 + j + 1), w7, sum);
                    sum = Fma.MultiplyAdd(Avx.LoadVector256(r2 + j + 2), w8, sum);
                    Avx.Store(o + j, sum);
                }
            }
        }
    }

    /// <summary>
    /// Adds the weight and bias gradient contributions of images [first, end) to <paramref name="sums"/>: per output
    /// channel, <see cref="Sums"/> vectors of eight lane-wise partial sums (taps in row-major order, then the bias).
    /// </summary>
    public static void AccumulateGradients(float* input, float* gradOutput, float* sums, int first, int end,
        int channels, int height, int width)
    {
        int outHeight = height - 2, outWidth = width - 2;
        var overlap = Overlap(outWidth);
        for (var image = first; image < end; image++)
        {
            var source = input + (long)image * height * width;
            for (var channel = 0; channel < channels; channel++)
            {
                var gradient = gradOutput + ((long)image * channels + channel) * outHeight * outWidth;
                var acc = sums + channel * Sums * 8;
                var s0 = Avx.LoadVector256(acc);
                var s1 = Avx.LoadVector256(acc + 8);
                var s2 = Avx.LoadVector256(acc + 16);
                var s3 = Avx.LoadVector256(acc + 24);
                var s4 = Avx.LoadVector256(acc + 32);
                var s5 = Avx.LoadVector256(acc + 40);
                var s6 = Avx.LoadVector256(acc + 48);
                var s7 = Avx.LoadVector256(acc + 56);
                var s8 = Avx.LoadVector256(acc + 64);
                var sb = Avx.LoadVector256(acc + 72);
                for (var row = 0; row < outHeight; row++)
                {
                    var r0 = source + (long)row * width;
                    var r1 = r0 + width;
                    var r2 = r1 + width;
                    var g = gradient + (long)row * outWidth;
                    for (var column = 0; column < outWidth; column += 8)
                    {
                        var j = column;
                        var gv = Vector256<float>.Zero;
                        if (column + 8 <= outWidth)
                        {
                            gv = Avx.LoadVector256(g + j);
                        }
                        else
                        {
                            // The overlapping last block counts only the columns the previous block did not.
                            j = outWidth - 8;
                            gv = Avx.And(Avx.LoadVector256(g + j), overlap);
                        }

                        sb = Avx.Add(sb, gv);
                        s0 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + j), gv, s0);
                        s1 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + j + 1), gv, s1);
                        s2 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + j + 2), gv, s2);
                        s3 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + j), gv, s3);
                        s4 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + j + 1), gv, s4);
                        s5 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + j + 2), gv, s5);
                        s6 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + j), gv, s6);
                        s7 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + j + 1), gv, s7);
                        s8 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + j + 2), gv, s8);
                    }
                }

                Avx.Store(acc, s0);
                Avx.Store(acc + 8, s1);
                Avx.Store(acc + 16, s2);
                Avx.Store(acc + 24, s3);
                Avx.Store(acc + 32, s4);
                Avx.Store(acc + 40, s5);
                Avx.Store(acc + 48, s6);
                Avx.Store(acc + 56, s7);
                Avx.Store(acc + 64, s8);
                Avx.Store(acc + 72, sb);
            }
        }
    }

    /// <summary>
    /// Adds up the per-thread partial sums in a fixed order (the same result whichever thread finished first) into
    /// the weight gradient [channels, 9] and, when <paramref name="biasGrad"/> is not null, the bias gradient.
    /// </summary>
    public static void Reduce(float* partials, int parts, int channels, float* weightGrad, float* biasGrad)
    {
        var length = channels * Sums * 8;
        for (var channel = 0; channel < channels; channel++)
        {
            for (var sum = 0; sum < Sums; sum++)
            {
                var offset = (channel * Sums + sum) * 8;
                var total = Avx.LoadVector256(partials + offset);
                for (var part = 1; part < parts; part++)
                {
                    total = Avx.Add(total, Avx.LoadVector256(partials + (long)part * length + offset));
                }

                var value = Vector256.Sum(total);
                if (sum < Taps)
                {
                    weightGrad[channel * Taps + sum] = value;
                }
                else if (biasGrad != null)
                {
                    biasGrad[channel] = value;
                }
            }
        }
    }

    /// <summary>Lanes of the overlapping last block that the previous block has not counted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Overlap(int outWidth)
    {
        var counted = 8 - outWidth % 8;
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        return Vector256.GreaterThanOrEqual(lanes, Vector256.Create(counted)).AsSingle();
    }
}
