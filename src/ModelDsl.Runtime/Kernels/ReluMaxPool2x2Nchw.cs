using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// <c>max_pool2d(relu(x), 2)</c> on one contiguous float32 NCHW plane at a time, forward and backward. No indices
/// are kept: 2x2 stride-2 windows tile the input, so backward finds each window's winning cell again from the
/// input. AVX2 handles eight windows per step (four on rows narrower than eight), branch-free (which of four cells
/// wins is random on real feature maps, so a compare-and-branch kernel mispredicts); a block holding a NaN, rows
/// narrower than four windows and machines without AVX2 take <see cref="ReluMaxWindow"/>'s exact rule.
/// </summary>
internal static unsafe class ReluMaxPool2x2Nchw
{
    /// <summary>Pools planes [first, end) of <paramref name="input"/> (planes of height x width) into <paramref name="output"/>.</summary>
    public static void Forward(float* input, float* output, int first, int end, int height, int width)
    {
        int outHeight = height / 2, outWidth = width / 2;
        for (var plane = first; plane < end; plane++)
        {
            var source = input + (long)plane * height * width;
            var target = output + (long)plane * outHeight * outWidth;
            for (var row = 0; row < outHeight; row++)
            {
                var top = source + (long)2 * row * width;
                ForwardRow(top, top + width, target + (long)row * outWidth, outWidth);
            }
        }
    }

    /// <summary>
    /// Writes the input gradient of planes [first, end): the output gradient goes to each live window's winning cell,
    /// zero everywhere else (other cells, dead windows, the row and column floor mode dropped).
    /// </summary>
    public static void Backward(float* input, float* gradOutput, float* gradInput, int first, int end, int height, int width)
    {
        int outHeight = height / 2, outWidth = width / 2;
        for (var plane = first; plane < end; plane++)
        {
            var source = input + (long)plane * height * width;
            var gradient = gradOutput + (long)plane * outHeight * outWidth;
            var target = gradInput + (long)plane * height * width;
            for (var row = 0; row < outHeight; row++)
            {
                var offset = (long)2 * row * width;
                BackwardRow(source + offset, source + offset + width, gradient + (long)row * outWidth,
                    target + offset, target + offset + width, outWidth, width);
            }

            if ((height & 1) != 0)
            {
                new Span<float>(target + (long)(height - 1) * width, width).Clear();
            }
        }
    }

    private static void ForwardRow(float* top, float* bottom, float* output, int outWidth)
    {
        // Blocks of eight (or four) windows; the last block of a row overlaps the one before it rather than leaving
        // a scalar tail: its windows are computed again, identically.
        if (Avx2.IsSupported && outWidth >= 8)
        {
            for (var x = 0; x < outWidth; x += 8)
            {
                var block = Math.Min(x, outWidth - 8);
                if (!ForwardBlock(top + 2 * block, bottom + 2 * block, output + block))
                {
                    ForwardScalar(top, bottom, output, block, block + 8);
                }
            }
        }
        else if (Avx2.IsSupported && outWidth >= 4)
        {
            for (var x = 0; x < outWidth; x += 4)
            {
                var block = Math.Min(x, outWidth - 4);
                if (!ForwardBlock4(top + 2 * block, bottom + 2 * block, output + block))
                {
                    ForwardScalar(top, bottom, output, block, block + 4);
                }
            }
        }
        else
        {
            ForwardScalar(top, bottom, output, 0, outWidth);
        }
    }

    /// <summary>Eight windows; returns false (writing nothing) when one of their cells is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ForwardBlock(float* top, float* bottom, float* output)
    {
        var a0 = Avx.LoadVector256(top);
        var a1 = Avx.LoadVector256(top + 8);
        var b0 = Avx.LoadVector256(bottom);
        var b1 = Avx.LoadVector256(bottom + 8);
        if (Avx.MoveMask(Avx.Or(Avx.CompareUnordered(a0, b0), Avx.CompareUnordered(a1, b1))) != 0)
        {
            return false;
        }

        // Shuffle splits even and odd columns within each 128-bit lane, leaving windows in the order 0,1,4,5,2,3,6,7.
        var m0 = Avx.Max(a0, b0);
        var m1 = Avx.Max(a1, b1);
        var max = Avx.Max(Avx.Shuffle(m0, m1, 0b10_00_10_00), Avx.Shuffle(m0, m1, 0b11_01_11_01));
        var zero = Vector256<float>.Zero;
        // A dead window (max <= 0) outputs relu of its first cell: -0.0 if that cell is -0.0, +0.0 otherwise.
        var first = Avx.Shuffle(a0, a1, 0b10_00_10_00);
        var dead = Avx.And(first, Avx.CompareEqual(first, zero));
        var result = Avx.BlendVariable(dead, max, Avx.CompareGreaterThan(max, zero));
        Avx.Store(output, InWindowOrder(result));
        return true;
    }

    /// <summary>Four windows (rows too narrow for eight); returns false (writing nothing) when a cell is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ForwardBlock4(float* top, float* bottom, float* output)
    {
        var a0 = Sse.LoadVector128(top);
        var a1 = Sse.LoadVector128(top + 4);
        var b0 = Sse.LoadVector128(bottom);
        var b1 = Sse.LoadVector128(bottom + 4);
        if (Sse.MoveMask(Sse.Or(Sse.CompareUnordered(a0, b0), Sse.CompareUnordered(a1, b1))) != 0)
        {
            return false;
        }

        var m0 = Sse.Max(a0, b0);
        var m1 = Sse.Max(a1, b1);
        var max = Sse.Max(Sse.Shuffle(m0, m1, 0b10_00_10_00), Sse.Shuffle(m0, m1, 0b11_01_11_01));
        var zero = Vector128<float>.Zero;
        var first = Sse.Shuffle(a0, a1, 0b10_00_10_00);
        var dead = Sse.And(first, Sse.CompareEqual(first, zero));
        Sse.Store(output, Sse41.BlendVariable(dead, max, Sse.CompareGreaterThan(max, zero)));
        return true;
    }

    private static void ForwardScalar(float* top, float* bottom, float* output, int from, int to)
    {
        for (var x = from; x < to; x++)
        {
            ReluMaxWindow.Winner(top[2 * x], top[2 * x + 1], bottom[2 * x], bottom[2 * x + 1], out var value);
            output[x] = value;
        }
    }

    private static void BackwardRow(float* top, float* bottom, float* gradient, float* gradTop, float* gradBottom,
        int outWidth, int width)
    {
        // As in ForwardRow, a row's last block may overlap the one before it: it writes the same gradients again.
        if (Avx2.IsSupported && outWidth >= 8)
        {
            for (var x = 0; x < outWidth; x += 8)
            {
                var block = Math.Min(x, outWidth - 8);
                if (!BackwardBlock(top + 2 * block, bottom + 2 * block, gradient + block, gradTop + 2 * block,
                        gradBottom + 2 * block))
                {
                    BackwardScalar(top, bottom, gradient, gradTop, gradBottom, block, block + 8);
                }
            }
        }
        else if (Avx2.IsSupported && outWidth >= 4)
        {
            for (var x = 0; x < outWidth; x += 4)
            {
                var block = Math.Min(x, outWidth - 4);
                if (!BackwardBlock4(top + 2 * block, bottom + 2 * block, gradient + block, gradTop + 2 * block,
                        gradBottom + 2 * block))
                {
                    BackwardScalar(top, bottom, gradient, gradTop, gradBottom, block, block + 4);
                }
            }
        }
        else
        {
            BackwardScalar(top, bottom, gradient, gradTop, gradBottom, 0, outWidth);
        }

        if ((width & 1) != 0)
        {
            gradTop[width - 1] = 0f;
            gradBottom[width - 1] = 0f;
        }
    }

    /// <summary>Eight windows' gradients; returns false (writing nothing) when one of their cells is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BackwardBlock(float* top, float* bottom, float* gradient, float* gradTop, float* gradBottom)
    {
        var a0 = Avx.LoadVector256(top);
        var a1 = Avx.LoadVector256(top + 8);
        var b0 = Avx.LoadVector256(bottom);
        var b1 = Avx.LoadVector256(bottom + 8);
        if (Avx.MoveMask(Avx.Or(Avx.CompareUnordered(a0, b0), Avx.CompareUnordered(a1, b1))) != 0)
        {
            return false;
        }

        // The four cells of eight windows, each vector in window order 0,1,4,5,2,3,6,7.
        var a = Avx.Shuffle(a0, a1, 0b10_00_10_00);
        var b = Avx.Shuffle(a0, a1, 0b11_01_11_01);
        var c = Avx.Shuffle(b0, b1, 0b10_00_10_00);
        var d = Avx.Shuffle(b0, b1, 0b11_01_11_01);
        var max = Avx.Max(Avx.Max(a, b), Avx.Max(c, d));
        var zero = Vector256<float>.Zero;
        var routed = Avx.Add(InWindowOrder(Avx.LoadVector256(gradient)), zero);
        routed = Avx.And(routed, Avx.CompareGreaterThan(max, zero));

        // The first cell equal to the maximum takes the gradient (libtorch's first-maximum rule).
        var toA = Avx.CompareEqual(a, max);
        var toB = Avx.AndNot(toA, Avx.CompareEqual(b, max));
        var taken = Avx.Or(toA, toB);
        var toC = Avx.AndNot(taken, Avx.CompareEqual(c, max));
        taken = Avx.Or(taken, toC);
        var ga = Avx.And(routed, toA);
        var gb = Avx.And(routed, toB);
        var gc = Avx.And(routed, toC);
        var gd = Avx.AndNot(taken, routed);

        // Interleaving within lanes turns window order 0,1,4,5,2,3,6,7 back into column order.
        Avx.Store(gradTop, Avx.UnpackLow(ga, gb));
        Avx.Store(gradTop + 8, Avx.UnpackHigh(ga, gb));
        Avx.Store(gradBottom, Avx.UnpackLow(gc, gd));
        Avx.Store(gradBottom + 8, Avx.UnpackHigh(gc, gd));
        return true;
    }

    /// <summary>Four windows' gradients (narrow rows); returns false (writing nothing) when a cell is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BackwardBlock4(float* top, float* bottom, float* gradient, float* gradTop, float* gradBottom)
    {
        var a0 = Sse.LoadVector128(top);
        var a1 = Sse.LoadVector128(top + 4);
        var b0 = Sse.LoadVector128(bottom);
        var b1 = Sse.LoadVector128(bottom + 4);
        if (Sse.MoveMask(Sse.Or(Sse.CompareUnordered(a0, b0), Sse.CompareUnordered(a1, b1))) != 0)
        {
            return false;
        }

        var a = Sse.Shuffle(a0, a1, 0b10_00_10_00);
        var b = Sse.Shuffle(a0, a1, 0b11_01_11_01);
        var c = Sse.Shuffle(b0, b1, 0b10_00_10_00);
        var d = Sse.Shuffle(b0, b1, 0b11_01_11_01);
        var max = Sse.Max(Sse.Max(a, b), Sse.Max(c, d));
        var zero = Vector128<float>.Zero;
        var routed = Sse.And(Sse.Add(Sse.LoadVector128(gradient), zero), Sse.CompareGreaterThan(max, zero));
        var toA = Sse.CompareEqual(a, max);
        var toB = Sse.AndNot(toA, Sse.CompareEqual(b, max));
        var taken = Sse.Or(toA, toB);
        var toC = Sse.AndNot(taken, Sse.CompareEqual(c, max));
        taken = Sse.Or(taken, toC);
        var ga = Sse.And(routed, toA);
        var gb = Sse.And(routed, toB);
        var gc = Sse.And(routed, toC);
        var gd = Sse.AndNot(taken, routed);
        Sse.Store(gradTop, Sse.UnpackLow(ga, gb));
        Sse.Store(gradTop + 4, Sse.UnpackHigh(ga, gb));
        Sse.Store(gradBottom, Sse.UnpackLow(gc, gd));
        Sse.Store(gradBottom + 4, Sse.UnpackHigh(gc, gd));
        return true;
    }

    private static void BackwardScalar(float* top, float* bottom, float* gradient, float* gradTop, float* gradBottom,
        int from, int to)
    {
        for (var x = from; x < to; x++)
        {
            var winner = ReluMaxWindow.Winner(top[2 * x], top[2 * x + 1], bottom[2 * x], bottom[2 * x + 1], out var value);
            var routed = ReluMaxWindow.PassesGradient(value) ? ReluMaxWindow.Routed(gradient[x]) : 0f;
            gradTop[2 * x] = winner == 0 ? routed : 0f;
            gradTop[2 * x + 1] = winner == 1 ? routed : 0f;
            gradBottom[2 * x] = winner == 2 ? routed : 0f;
            gradBottom[2 * x + 1] = winner == 3 ? routed : 0f;
        }
    }

    /// <summary>Swaps the middle 64-bit quarters: maps column order to window order 0,1,4,5,2,3,6,7 and back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> InWindowOrder(Vector256<float> values) =>
        Avx2.Permute4x64(values.AsDouble(), 0b11_01_10_00).AsSingle();
}
