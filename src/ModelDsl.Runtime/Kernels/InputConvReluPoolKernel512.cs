using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// The AVX-512 form of <see cref="InputConvReluPoolKernel"/>: sixteen pooling windows per step, and a row's last block
/// masked instead of overlapping the one before it (pooled rows of 8 to 16 windows, as in 28x28 images, are one block).
/// Same values: the convolution sums run in the same order, and the winners follow the same rule.
/// </summary>
/// <remarks>
/// The images are split into four arrays per row, each <see cref="Stride"/> long and zero beyond the pooled width:
/// columns 2p, 2p+1, 2p+2 and 2p+3 for window p. Every tap of every window is then a whole-vector load, and the lanes
/// past the row's end read zeros (finite, so they never turn a sum into NaN); they are neither stored nor summed.
/// Winners are stored <see cref="Stride"/> bytes per row.
/// </remarks>
internal static unsafe class InputConvReluPoolKernel512
{
    /// <summary>Floats (and winner bytes) per split array and per winners row: the pooled width rounded up to 16.</summary>
    public static int Stride(int width) => ((width - 2) / 2 + 15) / 16 * 16;

    /// <summary>Floats per image of the split input.</summary>
    public static int SplitImageLength(int height, int width) => height * 4 * Stride(width);

    /// <summary>Copies images [first, end) into <paramref name="split"/> (see the remarks).</summary>
    public static void Split(float* input, float* split, int first, int end, int height, int width)
    {
        int pooledWidth = (width - 2) / 2, l = Stride(width);
        for (var image = first; image < end; image++)
        {
            var source = input + (long)image * height * width;
            var target = split + (long)image * height * 4 * l;
            for (var row = 0; row < height; row++)
            {
                var r = source + (long)row * width;
                var t = target + (long)row * 4 * l;
                new Span<float>(t, 4 * l).Clear();
                for (var m = 0; m < pooledWidth; m++)
                {
                    t[m] = r[2 * m];
                    t[l + m] = r[2 * m + 1];
                    t[2 * l + m] = r[2 * m + 2];
                    t[3 * l + m] = r[2 * m + 3];
                }
            }
        }
    }

    /// <summary>As <see cref="InputConvReluPoolKernel.Forward"/>, with winners rows <see cref="Stride"/> bytes long.</summary>
    public static void Forward(float* split, float* weight, float* bias, float* output, byte* winners, int first,
        int end, int channels, int height, int width)
    {
        int pooledHeight = (height - 2) / 2, pooledWidth = (width - 2) / 2, l = Stride(width), rowLength = 4 * l;
        long plane = (long)pooledHeight * pooledWidth, winnersPlane = (long)pooledHeight * l;
        for (var image = first; image < end; image++)
        {
            var source = split + (long)image * height * rowLength;
            for (var channel = 0; channel < channels; channel++)
            {
                var t = weight + channel * 9;
                var w0 = Vector512.Create(t[0]);
                var w1 = Vector512.Create(t[1]);
                var w2 = Vector512.Create(t[2]);
                var w3 = Vector512.Create(t[3]);
                var w4 = Vector512.Create(t[4]);
                var w5 = Vector512.Create(t[5]);
                var w6 = Vector512.Create(t[6]);
                var w7 = Vector512.Create(t[7]);
                var w8 = Vector512.Create(t[8]);
                var b = Vector512.Create(bias == null ? 0f : bias[channel]);
                var offset = ((long)image * channels + channel) * plane;
                var winnersOffset = ((long)image * channels + channel) * winnersPlane;
                for (var row = 0; row < pooledHeight; row++)
                {
                    var top = source + (long)2 * row * rowLength;
                    var o = output + offset + (long)row * pooledWidth;
                    var won = winners == null ? null : winners + winnersOffset + (long)row * l;
                    for (var j = 0; j < pooledWidth; j += 16)
                    {
                        var r0 = top + j;
                        var r1 = r0 + rowLength;
                        var r2 = r1 + rowLength;
                        var r3 = r2 + rowLength;
                        var v00 = Avx512F.FusedMultiplyAdd(Vector512.Load(r0), w0, b);
                        var v01 = Avx512F.FusedMultiplyAdd(Vector512.Load(r0 + l), w0, b);
                        var v10 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1), w0, b);
                        var v11 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + l), w0, b);
                        v00 = Avx512F.FusedMultiplyAdd(Vector512.Load(r0 + l), w1, v00);
                        v01 = Avx512F.FusedMultiplyAdd(Vector512.Load(r0 + 2 * l), w1, v01);
                        v10 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + l), w1, v10);
                        v11 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + 2 * l), w1, v11);
                        v00 = Avx512F.FusedMultiplyAdd(Vector512.Load(r0 + 2 * l), w2, v00);
                        v01 = Avx512F.FusedMultiplyAdd(Vector512.Load(r0 + 3 * l), w2, v01);
                        v10 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + 2 * l), w2, v10);
                        v11 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + 3 * l), w2, v11);
                        v00 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1), w3, v00);
                        v01 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + l), w3, v01);
                        v10 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2), w3, v10);
                        v11 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + l), w3, v11);
                        v00 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + l), w4, v00);
                        v01 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + 2 * l), w4, v01);
                        v10 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + l), w4, v10);
                        v11 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + 2 * l), w4, v11);
                        v00 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + 2 * l), w5, v00);
                        v01 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + 3 * l), w5, v01);
                        v10 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + 2 * l), w5, v10);
                        v11 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + 3 * l), w5, v11);
                        v00 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2), w6, v00);
                        v01 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + l), w6, v01);
                        v10 = Avx512F.FusedMultiplyAdd(Vector512.Load(r3), w6, v10);
                        v11 = Avx512F.FusedMultiplyAdd(Vector512.Load(r3 + l), w6, v11);
                        v00 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + l), w7, v00);
                        v01 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + 2 * l), w7, v01);
                        v10 = Avx512F.FusedMultiplyAdd(Vector512.Load(r3 + l), w7, v10);
                        v11 = Avx512F.FusedMultiplyAdd(Vector512.Load(r3 + 2 * l), w7, v11);
                        v00 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + 2 * l), w8, v00);
                        v01 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + 3 * l), w8, v01);
                        v10 = Avx512F.FusedMultiplyAdd(Vector512.Load(r3 + 2 * l), w8, v10);
                        v11 = Avx512F.FusedMultiplyAdd(Vector512.Load(r3 + 3 * l), w8, v11);
                        Pool(v00, v01, v10, v11, o + j, won == null ? null : won + j, Math.Min(16, pooledWidth - j));
                    }
                }
            }
        }
    }

    /// <summary>As <see cref="InputConvReluPoolKernel.Backward"/>, reading winners rows <see cref="Stride"/> bytes long.</summary>
    public static void Backward(float* split, float* gradOutput, byte* winners, float* sums, int first, int end,
        int images, int channels, int height, int width)
    {
        int pooledHeight = (height - 2) / 2, pooledWidth = (width - 2) / 2, l = Stride(width), rowLength = 4 * l;
        long plane = (long)pooledHeight * pooledWidth, winnersPlane = (long)pooledHeight * l;
        var one = Vector512.Create(1);
        var two = Vector512.Create(2);
        var three = Vector512.Create(3);
        for (var channel = first; channel < end; channel++)
        {
            Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default,
                s6 = default, s7 = default, s8 = default, sb = default;
            for (var image = 0; image < images; image++)
            {
                var source = split + (long)image * height * rowLength;
                var offset = ((long)image * channels + channel) * plane;
                var winnersOffset = ((long)image * channels + channel) * winnersPlane;
                for (var row = 0; row < pooledHeight; row++)
                {
                    var top = source + (long)2 * row * rowLength;
                    var g = gradOutput + offset + (long)row * pooledWidth;
                    var won = winners + winnersOffset + (long)row * l;
                    for (var j = 0; j < pooledWidth; j += 16)
                    {
                        // Lanes past the row's end get no gradient (and read zeros below).
                        var count = pooledWidth - j;
                        var loaded = count >= 16
                            ? Vector512.Load(g + j)
                            : Avx512F.MaskLoad(g + j, Lanes(count), Vector512<float>.Zero);
                        // libtorch routes the gradient into a zero-filled buffer: -0.0 arrives as +0.0.
                        var gradient = Avx512F.Add(loaded, Vector512<float>.Zero);
                        var index = Avx512F.ConvertToVector512Int32(Vector128.Load(won + j));
                        var g0 = Vector512.BitwiseAnd(gradient, Vector512.Equals(index, Vector512<int>.Zero).AsSingle());
                        var g1 = Vector512.BitwiseAnd(gradient, Vector512.Equals(index, one).AsSingle());
                        var g2 = Vector512.BitwiseAnd(gradient, Vector512.Equals(index, two).AsSingle());
                        var g3 = Vector512.BitwiseAnd(gradient, Vector512.Equals(index, three).AsSingle());
                        sb = Avx512F.Add(sb, Avx512F.Add(Avx512F.Add(g0, g1), Avx512F.Add(g2, g3)));
                        var r0 = top + j;
                        var r1 = r0 + rowLength;
                        var r2 = r1 + rowLength;
                        var r3 = r2 + rowLength;
                        s0 = Avx512F.FusedMultiplyAdd(Vector512.Load(r0), g0, s0);
                        s0 = Avx512F.FusedMultiplyAdd(Vector512.Load(r0 + l), g1, s0);
                        s0 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1), g2, s0);
                        s0 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + l), g3, s0);
                        s1 = Avx512F.FusedMultiplyAdd(Vector512.Load(r0 + l), g0, s1);
                        s1 = Avx512F.FusedMultiplyAdd(Vector512.Load(r0 + 2 * l), g1, s1);
                        s1 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + l), g2, s1);
                        s1 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + 2 * l), g3, s1);
                        s2 = Avx512F.FusedMultiplyAdd(Vector512.Load(r0 + 2 * l), g0, s2);
                        s2 = Avx512F.FusedMultiplyAdd(Vector512.Load(r0 + 3 * l), g1, s2);
                        s2 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + 2 * l), g2, s2);
                        s2 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + 3 * l), g3, s2);
                        s3 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1), g0, s3);
                        s3 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + l), g1, s3);
                        s3 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2), g2, s3);
                        s3 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + l), g3, s3);
                        s4 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + l), g0, s4);
                        s4 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + 2 * l), g1, s4);
                        s4 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + l), g2, s4);
                        s4 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + 2 * l), g3, s4);
                        s5 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + 2 * l), g0, s5);
                        s5 = Avx512F.FusedMultiplyAdd(Vector512.Load(r1 + 3 * l), g1, s5);
                        s5 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + 2 * l), g2, s5);
                        s5 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + 3 * l), g3, s5);
                        s6 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2), g0, s6);
                        s6 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + l), g1, s6);
                        s6 = Avx512F.FusedMultiplyAdd(Vector512.Load(r3), g2, s6);
                        s6 = Avx512F.FusedMultiplyAdd(Vector512.Load(r3 + l), g3, s6);
                        s7 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + l), g0, s7);
                        s7 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + 2 * l), g1, s7);
                        s7 = Avx512F.FusedMultiplyAdd(Vector512.Load(r3 + l), g2, s7);
                        s7 = Avx512F.FusedMultiplyAdd(Vector512.Load(r3 + 2 * l), g3, s7);
                        s8 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + 2 * l), g0, s8);
                        s8 = Avx512F.FusedMultiplyAdd(Vector512.Load(r2 + 3 * l), g1, s8);
                        s8 = Avx512F.FusedMultiplyAdd(Vector512.Load(r3 + 2 * l), g2, s8);
                        s8 = Avx512F.FusedMultiplyAdd(Vector512.Load(r3 + 3 * l), g3, s8);
                    }
                }
            }

            var target = sums + (long)channel * InputConvReluPoolKernel.Sums;
            target[0] = Vector512.Sum(s0);
            target[1] = Vector512.Sum(s1);
            target[2] = Vector512.Sum(s2);
            target[3] = Vector512.Sum(s3);
            target[4] = Vector512.Sum(s4);
            target[5] = Vector512.Sum(s5);
            target[6] = Vector512.Sum(s6);
            target[7] = Vector512.Sum(s7);
            target[8] = Vector512.Sum(s8);
            target[9] = Vector512.Sum(sb);
        }
    }

    /// <summary>Sixteen windows from their four convolution values: relu(max) and the winner, libtorch's way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pool(Vector512<float> v00, Vector512<float> v01, Vector512<float> v10, Vector512<float> v11,
        float* output, byte* winners, int count)
    {
        var unordered = Vector512.BitwiseOr(
            Avx512F.CompareUnordered(v00, v01), Avx512F.CompareUnordered(v10, v11));
        if (unordered.ExtractMostSignificantBits() != 0)
        {
            ForwardScalar(v00, v01, v10, v11, output, winners, count);
            return;
        }

        var max = Avx512F.Max(Avx512F.Max(v00, v01), Avx512F.Max(v10, v11));
        var zero = Vector512<float>.Zero;
        // A dead window (max <= 0) outputs relu of its first cell: -0.0 if that cell is -0.0, +0.0 otherwise.
        var dead = Vector512.BitwiseAnd(v00, Vector512.Equals(v00, zero));
        var alive = Vector512.GreaterThan(max, zero);
        var result = Vector512.ConditionalSelect(alive, max, dead);
        if (count >= 16)
        {
            result.Store(output);
        }
        else
        {
            Avx512F.MaskStore(output, Lanes(count), result);
        }

        if (winners == null)
        {
            return;
        }

        // The first cell equal to the maximum wins (libtorch's scan); relu blocks the gradient of dead windows.
        var toA = Vector512.Equals(v00, max);
        var toB = Vector512.AndNot(Vector512.Equals(v01, max), toA);
        var taken = Vector512.BitwiseOr(toA, toB);
        var toC = Vector512.AndNot(Vector512.Equals(v10, max), taken);
        var toD = Vector512.OnesComplement(Vector512.BitwiseOr(taken, toC));
        var index = Vector512.BitwiseOr(
            Vector512.BitwiseOr(Vector512.BitwiseAnd(toB.AsInt32(), Vector512.Create(1)), Vector512.BitwiseAnd(toC.AsInt32(), Vector512.Create(2))),
            Vector512.BitwiseAnd(toD.AsInt32(), Vector512.Create(3)));
        index = Vector512.ConditionalSelect(alive.AsInt32(), index, Vector512.Create((int)InputConvReluPoolKernel.Dead));
        // Winners rows are padded to whole blocks: all sixteen bytes can be stored.
        Avx512F.ConvertToVector128Byte(index).Store(winners);
    }

    private static void ForwardScalar(Vector512<float> v00, Vector512<float> v01, Vector512<float> v10,
        Vector512<float> v11, float* output, byte* winners, int count)
    {
        for (var lane = 0; lane < Math.Min(count, 16); lane++)
        {
            InputConvReluPoolKernel.PoolWindow(v00.GetElement(lane), v01.GetElement(lane), v10.GetElement(lane),
                v11.GetElement(lane), output + lane, winners == null ? null : winners + lane);
        }
    }

    /// <summary>All bits set in the first <paramref name="count"/> lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Lanes(int count) =>
        Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(count)).AsSingle();
}
