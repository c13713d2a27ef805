using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// <c>max_pool2d(relu(conv2d(x, w, b)), 2)</c> for single-channel images and 3x3 filters (a network's input block) in
/// one pass: the full-resolution convolution output is never stored. Forward computes the four convolution values of
/// eight pooling windows at a time in registers, writes the pooled value and one byte per window naming the cell that
/// won (or <see cref="Dead"/> when relu blocks the gradient); backward needs only those bytes, the images and the
/// pooled gradient, since the convolution's gradient is zero everywhere but at the winners.
/// </summary>
/// <remarks>
/// <para>The images are first split into even and odd columns (<see cref="Split"/>), so the two columns of every
/// window, and the three taps of a filter row, are whole-vector loads at offsets 0 and 1 of those halves.</para>
/// <para>The convolution sums run in the order of <see cref="InputConv3x3Kernel"/> (bias, then taps row-major, one FMA
/// each), so the pooled values are bit for bit those of <see cref="Convolution.InputConv2d"/> followed by
/// <see cref="Pooling.ReluMaxPool2d"/>, and the winners follow libtorch's rule (<see cref="ReluMaxWindow"/>).</para>
/// <para>Contiguous float32 NCHW, AVX2 + FMA, pooled rows at least <see cref="MinimumPooledWidth"/> wide: a row's last
/// block of eight windows overlaps the one before it instead of running a scalar tail.</para>
/// </remarks>
internal static unsafe class InputConvReluPoolKernel
{
    /// <summary>The byte stored for a window whose output relu blocks (not positive, not NaN): no gradient.</summary>
    public const byte Dead = 4;

    /// <summary>The narrowest pooled row the kernel handles.</summary>
    public const int MinimumPooledWidth = 8;

    /// <summary>Accumulators per output channel in backward: one per tap, then the bias.</summary>
    public const int Sums = 10;

    /// <summary>Floats per image of the split input: every row as its even columns, then its odd columns.</summary>
    public static int SplitImageLength(int height, int width) => height * 2 * SplitHalf(width);

    /// <summary>
    /// Copies images [first, end) into <paramref name="split"/>: each row of <paramref name="width"/> floats becomes
    /// its even columns then its odd columns, each half <c>pooledWidth + 1</c> long (all a window row reads).
    /// </summary>
    public static void Split(float* input, float* split, int first, int end, int height, int width)
    {
        var half = SplitHalf(width);
        for (var image = first; image < end; image++)
        {
            var source = input + (long)image * height * width;
            var target = split + (long)image * height * 2 * half;
            for (var row = 0; row < height; row++)
            {
                var r = source + (long)row * width;
                var even = target + (long)row * 2 * half;
                var odd = even + half;
                for (var m = 0; m < half; m++)
                {
                    even[m] = r[2 * m];
                    odd[m] = r[2 * m + 1];
                }
            }
        }
    }

    /// <summary>
    /// Pooled outputs of images [first, end) for every channel, and, when <paramref name="winners"/> is not null, the
    /// winning cell of each window (0..3 row-major, or <see cref="Dead"/>), both N x C x pooledHeight x pooledWidth.
    /// </summary>
    public static void Forward(float* split, float* weight, float* bias, float* output, byte* winners, int first,
        int end, int channels, int height, int width)
    {
        int pooledHeight = (height - 2) / 2, pooledWidth = (width - 2) / 2, half = SplitHalf(width), rowLength = 2 * half;
        long plane = (long)pooledHeight * pooledWidth;
        for (var image = first; image < end; image++)
        {
            var source = split + (long)image * height * rowLength;
            for (var channel = 0; channel < channels; channel++)
            {
                // Taps and bias stay in registers for the whole plane (a struct holding them was kept on the stack).
                var t = weight + channel * 9;
                var w0 = Vector256.Create(t[0]);
                var w1 = Vector256.Create(t[1]);
                var w2 = Vector256.Create(t[2]);
                var w3 = Vector256.Create(t[3]);
                var w4 = Vector256.Create(t[4]);
                var w5 = Vector256.Create(t[5]);
                var w6 = Vector256.Create(t[6]);
                var w7 = Vector256.Create(t[7]);
                var w8 = Vector256.Create(t[8]);
                var b = Vector256.Create(bias == null ? 0f : bias[channel]);
                var offset = ((long)image * channels + channel) * plane;
                for (var row = 0; row < pooledHeight; row++)
                {
                    var top = source + (long)2 * row * rowLength;
                    var o = output + offset + (long)row * pooledWidth;
                    var won = winners == null ? null : winners + offset + (long)row * pooledWidth;
                    for (var column = 0; column < pooledWidth; column += 8)
                    {
                        // The last block may overlap the previous one: it recomputes the same values.
                        var j = Math.Min(column, pooledWidth - 8);
                        var r0 = top + j;
                        var r1 = r0 + rowLength;
                        var r2 = r1 + rowLength;
                        var r3 = r2 + rowLength;
                        // A window's even cell reads columns 2p, 2p+1, 2p+2 = even[p], odd[p], even[p+1] of three
                        // split rows; its odd cell columns 2p+1, 2p+2, 2p+3 = odd[p], even[p+1], odd[p+1].
                        var v00 = Fma.MultiplyAdd(Avx.LoadVector256(r0), w0, b);
                        var v01 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + half), w0, b);
                        var v10 = Fma.MultiplyAdd(Avx.LoadVector256(r1), w0, b);
                        var v11 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + half), w0, b);
                        v00 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + half), w1, v00);
                        v01 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + 1), w1, v01);
                        v10 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + half), w1, v10);
                        v11 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + 1), w1, v11);
                        v00 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + 1), w2, v00);
                        v01 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + half + 1), w2, v01);
                        v10 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + 1), w2, v10);
                        v11 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + half + 1), w2, v11);
                        v00 = Fma.MultiplyAdd(Avx.LoadVector256(r1), w3, v00);
                        v01 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + half), w3, v01);
                        v10 = Fma.MultiplyAdd(Avx.LoadVector256(r2), w3, v10);
                        v11 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + half), w3, v11);
                        v00 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + half), w4, v00);
                        v01 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + 1), w4, v01);
                        v10 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + half), w4, v10);
                        v11 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + 1), w4, v11);
                        v00 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + 1), w5, v00);
                        v01 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + half + 1), w5, v01);
                        v10 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + 1), w5, v10);
                        v11 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + half + 1), w5, v11);
                        v00 = Fma.MultiplyAdd(Avx.LoadVector256(r2), w6, v00);
                        v01 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + half), w6, v01);
                        v10 = Fma.MultiplyAdd(Avx.LoadVector256(r3), w6, v10);
                        v11 = Fma.MultiplyAdd(Avx.LoadVector256(r3 + half), w6, v11);
                        v00 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + half), w7, v00);
                        v01 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + 1), w7, v01);
                        v10 = Fma.MultiplyAdd(Avx.LoadVector256(r3 + half), w7, v10);
                        v11 = Fma.MultiplyAdd(Avx.LoadVector256(r3 + 1), w7, v11);
                        v00 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + 1), w8, v00);
                        v01 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + half + 1), w8, v01);
                        v10 = Fma.MultiplyAdd(Avx.LoadVector256(r3 + 1), w8, v10);
                        v11 = Fma.MultiplyAdd(Avx.LoadVector256(r3 + half + 1), w8, v11);
                        Pool(v00, v01, v10, v11, o + j, won == null ? null : won + j);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Weight and bias gradients of channels [first, end) from the pooled gradient and the winners, summed over all
    /// <paramref name="images"/>: per channel, nine taps row-major then the bias into <paramref name="sums"/>
    /// (<see cref="Sums"/> floats per channel). Each channel is summed by one thread in a fixed order.
    /// </summary>
    public static void Backward(float* split, float* gradOutput, byte* winners, float* sums, int first, int end,
        int images, int channels, int height, int width)
    {
        int pooledHeight = (height - 2) / 2, pooledWidth = (width - 2) / 2, half = SplitHalf(width), rowLength = 2 * half;
        long plane = (long)pooledHeight * pooledWidth;
        var overlap = Overlap(pooledWidth);
        var one = Vector256.Create(1);
        var two = Vector256.Create(2);
        var three = Vector256.Create(3);
        for (var channel = first; channel < end; channel++)
        {
            // Lane-wise partial sums in registers: nine taps row-major, then the bias.
            Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default,
                s6 = default, s7 = default, s8 = default, sb = default;
            for (var image = 0; image < images; image++)
            {
                var source = split + (long)image * height * rowLength;
                var offset = ((long)image * channels + channel) * plane;
                for (var row = 0; row < pooledHeight; row++)
                {
                    var top = source + (long)2 * row * rowLength;
                    var g = gradOutput + offset + (long)row * pooledWidth;
                    var won = winners + offset + (long)row * pooledWidth;
                    for (var column = 0; column < pooledWidth; column += 8)
                    {
                        var j = Math.Min(column, pooledWidth - 8);
                        // libtorch routes the gradient into a zero-filled buffer: -0.0 arrives as +0.0.
                        var gradient = Avx.Add(Avx.LoadVector256(g + j), Vector256<float>.Zero);
                        if (j != column)
                        {
                            // The overlapping last block counts only the windows the previous block did not.
                            gradient = Avx.And(gradient, overlap);
                        }

                        // Each window's gradient goes to its winning cell only.
                        var index = Avx2.ConvertToVector256Int32(won + j);
                        var g0 = Avx.And(gradient, Avx2.CompareEqual(index, Vector256<int>.Zero).AsSingle());
                        var g1 = Avx.And(gradient, Avx2.CompareEqual(index, one).AsSingle());
                        var g2 = Avx.And(gradient, Avx2.CompareEqual(index, two).AsSingle());
                        var g3 = Avx.And(gradient, Avx2.CompareEqual(index, three).AsSingle());
                        sb = Avx.Add(sb, Avx.Add(Avx.Add(g0, g1), Avx.Add(g2, g3)));
                        var r0 = top + j;
                        var r1 = r0 + rowLength;
                        var r2 = r1 + rowLength;
                        var r3 = r2 + rowLength;
                        // Tap (i, k) of cell (r, c) reads split row r + i at the column of 2p + c + k (see Forward).
                        s0 = Fma.MultiplyAdd(Avx.LoadVector256(r0), g0, s0);
                        s0 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + half), g1, s0);
                        s0 = Fma.MultiplyAdd(Avx.LoadVector256(r1), g2, s0);
                        s0 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + half), g3, s0);
                        s1 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + half), g0, s1);
                        s1 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + 1), g1, s1);
                        s1 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + half), g2, s1);
                        s1 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + 1), g3, s1);
                        s2 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + 1), g0, s2);
                        s2 = Fma.MultiplyAdd(Avx.LoadVector256(r0 + half + 1), g1, s2);
                        s2 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + 1), g2, s2);
                        s2 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + half + 1), g3, s2);
                        s3 = Fma.MultiplyAdd(Avx.LoadVector256(r1), g0, s3);
                        s3 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + half), g1, s3);
                        s3 = Fma.MultiplyAdd(Avx.LoadVector256(r2), g2, s3);
                        s3 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + half), g3, s3);
                        s4 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + half), g0, s4);
                        s4 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + 1), g1, s4);
                        s4 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + half), g2, s4);
                        s4 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + 1), g3, s4);
                        s5 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + 1), g0, s5);
                        s5 = Fma.MultiplyAdd(Avx.LoadVector256(r1 + half + 1), g1, s5);
                        s5 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + 1), g2, s5);
                        s5 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + half + 1), g3, s5);
                        s6 = Fma.MultiplyAdd(Avx.LoadVector256(r2), g0, s6);
                        s6 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + half), g1, s6);
                        s6 = Fma.MultiplyAdd(Avx.LoadVector256(r3), g2, s6);
                        s6 = Fma.MultiplyAdd(Avx.LoadVector256(r3 + half), g3, s6);
                        s7 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + half), g0, s7);
                        s7 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + 1), g1, s7);
                        s7 = Fma.MultiplyAdd(Avx.LoadVector256(r3 + half), g2, s7);
                        s7 = Fma.MultiplyAdd(Avx.LoadVector256(r3 + 1), g3, s7);
                        s8 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + 1), g0, s8);
                        s8 = Fma.MultiplyAdd(Avx.LoadVector256(r2 + half + 1), g1, s8);
                        s8 = Fma.MultiplyAdd(Avx.LoadVector256(r3 + 1), g2, s8);
                        s8 = Fma.MultiplyAdd(Avx.LoadVector256(r3 + half + 1), g3, s8);
                    }
                }
            }

            var target = sums + (long)channel * Sums;
            target[0] = Vector256.Sum(s0);
            target[1] = Vector256.Sum(s1);
            target[2] = Vector256.Sum(s2);
            target[3] = Vector256.Sum(s3);
            target[4] = Vector256.Sum(s4);
            target[5] = Vector256.Sum(s5);
            target[6] = Vector256.Sum(s6);
            target[7] = Vector256.Sum(s7);
            target[8] = Vector256.Sum(s8);
            target[9] = Vector256.Sum(sb);
        }
    }

    private static int SplitHalf(int width) => (width - 2) / 2 + 1;

    /// <summary>Eight windows from their four convolution values: relu(max) and the winner, libtorch's way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pool(Vector256<float> v00, Vector256<float> v01, Vector256<float> v10, Vector256<float> v11,
        float* output, byte* winners)
    {
        if (Avx.MoveMask(Avx.Or(Avx.CompareUnordered(v00, v01), Avx.CompareUnordered(v10, v11))) != 0)
        {
            ForwardScalar(v00, v01, v10, v11, output, winners);
            return;
        }

        var max = Avx.Max(Avx.Max(v00, v01), Avx.Max(v10, v11));
        var zero = Vector256<float>.Zero;
        // A dead window (max <= 0) outputs relu of its first cell: -0.0 if that cell is -0.0, +0.0 otherwise.
        var dead = Avx.And(v00, Avx.CompareEqual(v00, zero));
        var alive = Avx.CompareGreaterThan(max, zero);
        Avx.Store(output, Avx.BlendVariable(dead, max, alive));
        if (winners == null)
        {
            return;
        }

        // The first cell equal to the maximum wins (libtorch's scan); relu blocks the gradient of dead windows.
        var toA = Avx.CompareEqual(v00, max);
        var toB = Avx.AndNot(toA, Avx.CompareEqual(v01, max));
        var taken = Avx.Or(toA, toB);
        var toC = Avx.AndNot(taken, Avx.CompareEqual(v10, max));
        var toD = Avx.AndNot(Avx.Or(taken, toC), Vector256<float>.AllBitsSet);
        var index = Avx2.Or(Avx2.Or(Avx2.And(toB.AsInt32(), Vector256.Create(1)), Avx2.And(toC.AsInt32(), Vector256.Create(2))),
            Avx2.And(toD.AsInt32(), Vector256.Create(3)));
        index = Avx2.BlendVariable(Vector256.Create((int)Dead), index, alive.AsInt32());
        StoreBytes(index, winners);
    }

    private static void ForwardScalar(Vector256<float> v00, Vector256<float> v01, Vector256<float> v10,
        Vector256<float> v11, float* output, byte* winners)
    {
        for (var lane = 0; lane < 8; lane++)
        {
            PoolWindow(v00.GetElement(lane), v01.GetElement(lane), v10.GetElement(lane), v11.GetElement(lane),
                output + lane, winners == null ? null : winners + lane);
        }
    }

    /// <summary>
    /// One window by libtorch's exact rule (<see cref="ReluMaxWindow"/>), for blocks holding a NaN: its pooled value
    /// and, when <paramref name="winner"/> is not null, the byte naming its winning cell.
    /// </summary>
    public static void PoolWindow(float a, float b, float c, float d, float* output, byte* winner)
    {
        var index = ReluMaxWindow.Winner(a, b, c, d, out var value);
        *output = value;
        if (winner != null)
        {
            *winner = ReluMaxWindow.PassesGradient(value) ? (byte)index : Dead;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreBytes(Vector256<int> values, byte* target)
    {
        var shorts = Sse2.PackSignedSaturate(values.GetLower(), values.GetUpper());
        var bytes = Sse2.PackUnsignedSaturate(shorts, shorts);
        *(ulong*)target = bytes.AsUInt64().ToScalar();
    }

    /// <summary>Lanes of the overlapping last block that the previous block has not counted.</summary>
    private static Vector256<float> Overlap(int pooledWidth)
    {
        var counted = 8 - pooledWidth % 8;
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        return Vector256.GreaterThanOrEqual(lanes, Vector256.Create(counted)).AsSingle();
    }
}
