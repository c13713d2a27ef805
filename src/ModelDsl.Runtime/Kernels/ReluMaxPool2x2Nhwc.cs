using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// <c>max_pool2d(relu(x), 2)</c> on channels-last float32 tensors (memory order N, H, W, C), one output row of one
/// image at a time. A window's four cells are whole channel vectors here, so AVX2 pools eight channels per step
/// with no shuffles; a block holding a NaN, the channel tail and machines without AVX2 take
/// <see cref="ReluMaxWindow"/>'s exact rule. Backward finds each window's winning cell again from the input.
/// </summary>
internal static unsafe class ReluMaxPool2x2Nhwc
{
    /// <summary>Pools output rows [first, end) (row r is image r / outHeight, row r % outHeight).</summary>
    public static void Forward(float* input, float* output, int first, int end, int height, int width, int channels)
    {
        int outHeight = height / 2, outWidth = width / 2;
        for (var unit = first; unit < end; unit++)
        {
            int image = unit / outHeight, row = unit % outHeight;
            var top = input + (((long)image * height + 2 * row) * width) * channels;
            var bottom = top + (long)width * channels;
            var target = output + (long)unit * outWidth * channels;
            for (var x = 0; x < outWidth; x++)
            {
                var cell = (long)2 * x * channels;
                ForwardWindow(top + cell, top + cell + channels, bottom + cell, bottom + cell + channels,
                    target + (long)x * channels, channels);
            }
        }
    }

    /// <summary>
    /// Writes the input gradient of the input rows under output rows [first, end), and of the row floor mode drops
    /// under an image's last output row.
    /// </summary>
    public static void Backward(float* input, float* gradOutput, float* gradInput, int first, int end, int height,
        int width, int channels)
    {
        int outHeight = height / 2, outWidth = width / 2;
        for (var unit = first; unit < end; unit++)
        {
            int image = unit / outHeight, row = unit % outHeight;
            var offset = (((long)image * height + 2 * row) * width) * channels;
            var rowLength = (long)width * channels;
            var top = input + offset;
            var gradTop = gradInput + offset;
            var gradient = gradOutput + (long)unit * outWidth * channels;
            for (var x = 0; x < outWidth; x++)
            {
                var cell = (long)2 * x * channels;
                BackwardWindow(top + cell, top + cell + channels, top + rowLength + cell,
                    top + rowLength + cell + channels, gradient + (long)x * channels, gradTop + cell,
                    gradTop + cell + channels, gradTop + rowLength + cell, gradTop + rowLength + cell + channels,
                    channels);
            }

            if ((width & 1) != 0)
            {
                new Span<float>(gradTop + (width - 1L) * channels, channels).Clear();
                new Span<float>(gradTop + rowLength + (width - 1L) * channels, channels).Clear();
            }

            if ((height & 1) != 0 && row == outHeight - 1)
            {
                new Span<float>(gradTop + 2 * rowLength, (int)rowLength).Clear();
            }
        }
    }

    private static void ForwardWindow(float* a, float* b, float* c, float* d, float* output, int channels)
    {
        var k = 0;
        if (Avx2.IsSupported)
        {
            var zero = Vector256<float>.Zero;
            for (; k + 8 <= channels; k += 8)
            {
                var va = Avx.LoadVector256(a + k);
                var vb = Avx.LoadVector256(b + k);
                var vc = Avx.LoadVector256(c + k);
                var vd = Avx.LoadVector256(d + k);
                if (HasNaN(va, vb, vc, vd))
                {
                    ForwardScalar(a, b, c, d, output, k, k + 8);
                    continue;
                }

                var max = Avx.Max(Avx.Max(va, vb), Avx.Max(vc, vd));
                // A dead window (max <= 0) outputs relu of its first cell: -0.0 if that cell is -0.0, +0.0 otherwise.
                var dead = Avx.And(va, Avx.CompareEqual(va, zero));
                Avx.Store(output + k, Avx.BlendVariable(dead, max, Avx.CompareGreaterThan(max, zero)));
            }
        }

        ForwardScalar(a, b, c, d, output, k, channels);
    }

    private static void ForwardScalar(float* a, float* b, float* c, float* d, float* output, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            ReluMaxWindow.Winner(a[k], b[k], c[k], d[k], out var value);
            output[k] = value;
        }
    }

    private static void BackwardWindow(float* a, float* b, float* c, float* d, float* gradient, float* ga, float* gb,
        float* gc, float* gd, int channels)
    {
        var k = 0;
        if (Avx2.IsSupported)
        {
            var zero = Vector256<float>.Zero;
            for (; k + 8 <= channels; k += 8)
            {
                var va = Avx.LoadVector256(a + k);
                var vb = Avx.LoadVector256(b + k);
                var vc = Avx.LoadVector256(c + k);
                var vd = Avx.LoadVector256(d + k);
                if (HasNaN(va, vb, vc, vd))
                {
                    BackwardScalar(a, b, c, d, gradient, ga, gb, gc, gd, k, k + 8);
                    continue;
                }

                var max = Avx.Max(Avx.Max(va, vb), Avx.Max(vc, vd));
                var routed = Avx.And(Avx.Add(Avx.LoadVector256(gradient + k), zero), Avx.CompareGreaterThan(max, zero));
                // The first cell equal to the maximum takes the gradient (libtorch's first-maximum rule).
                var toA = Avx.CompareEqual(va, max);
                var toB = Avx.AndNot(toA, Avx.CompareEqual(vb, max));
                var taken = Avx.Or(toA, toB);
                var toC = Avx.AndNot(taken, Avx.CompareEqual(vc, max));
                taken = Avx.Or(taken, toC);
                Avx.Store(ga + k, Avx.And(routed, toA));
                Avx.Store(gb + k, Avx.And(routed, toB));
                Avx.Store(gc + k, Avx.And(routed, toC));
                Avx.Store(gd + k, Avx.AndNot(taken, routed));
            }
        }

        BackwardScalar(a, b, c, d, gradient, ga, gb, gc, gd, k, channels);
    }

    private static void BackwardScalar(float* a, float* b, float* c, float* d, float* gradient, float* ga, float* gb,
        float* gc, float* gd, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            var winner = ReluMaxWindow.Winner(a[k], b[k], c[k], d[k], out var value);
            var routed = ReluMaxWindow.PassesGradient(value) ? ReluMaxWindow.Routed(gradient[k]) : 0f;
            ga[k] = winner == 0 ? routed : 0f;
            gb[k] = winner == 1 ? routed : 0f;
            gc[k] = winner == 2 ? routed : 0f;
            gd[k] = winner == 3 ? routed : 0f;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasNaN(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d) =>
        Avx.MoveMask(Avx.Or(Avx.CompareUnordered(a, b), Avx.CompareUnordered(c, d))) != 0;
}
