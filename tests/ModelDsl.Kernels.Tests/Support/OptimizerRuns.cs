using TorchSharp;
using OptimizerHelper = TorchSharp.Modules.OptimizerHelper;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace ModelDsl.Kernels.Tests.Support;

/// <summary>
/// Runs a one-pass optimizer and the TorchSharp optimizer it derives from side by side on two identical parameter sets
/// (the seed convnet's shapes but its third convolution, plus a 3-element tensor that is all tail after the 8-wide
/// vectors: 56,397 values) with identical gradients, and compares what they leave.
/// </summary>
internal static class OptimizerRuns
{
    public static readonly long[][] Shapes = [[32, 1, 3, 3], [32], [64, 32, 3, 3], [64], [64, 576], [64], [10, 64], [10], [3]];

    /// <summary>Standard-normal parameters of <see cref="Shapes"/> from a fixed seed.</summary>
    public static Parameter[] Parameters(ScalarType dtype = ScalarType.Float32, int seed = 3)
    {
        using var generator = new Generator((ulong)seed);
        return Shapes.Select(s => new Parameter(randn(s, dtype: dtype, generator: generator))).ToArray();
    }

    /// <summary>Detached copies, to start a second optimizer from where the first one's parameters are.</summary>
    public static Parameter[] Copies(Parameter[] parameters) => parameters.Select(p => new Parameter(p.detach().clone())).ToArray();

    /// <summary>The same gradients (normal, scaled by 0.01) on both sets; <paramref name="without"/> gets none.</summary>
    public static void SetGradients(Parameter[] a, Parameter[] b, int seed, int without = -1)
    {
        using var generator = new Generator((ulong)seed);
        for (var i = 0; i < a.Length; i++)
        {
            using var g = randn(a[i].shape, dtype: a[i].dtype, generator: generator).mul_(0.01);
            a[i].grad = i == without ? null : g.clone();
            b[i].grad = i == without ? null : g.clone();
        }
    }

    /// <summary><paramref name="steps"/> steps of both optimizers, gradient seeds <paramref name="seed"/>, +1, ...</summary>
    public static void Steps(OptimizerHelper expected, Parameter[] reference, OptimizerHelper actual, Parameter[] fused, int steps, int seed)
    {
        for (var step = 0; step < steps; step++)
        {
            SetGradients(reference, fused, seed + step);
            expected.step();
            actual.step();
        }
    }

    /// <summary>The optimizer's state in TorchSharp's binary format (class name, options, per-parameter state).</summary>
    public static byte[] Save(OptimizerHelper optimizer)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
        return memory.ToArray();
    }

    public static void Load(OptimizerHelper optimizer, byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        optimizer.load_state_dict(reader);
    }

    /// <summary>Every element of every tensor bit-identical (float32 or float64).</summary>
    public static void AssertBitwise(IReadOnlyList<Tensor> expected, IReadOnlyList<Tensor> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i].dtype == ScalarType.Float64)
            {
                Assert.Equal(expected[i].dtype, actual[i].dtype);
                var e = expected[i].data<double>().ToArray().Select(BitConverter.DoubleToInt64Bits);
                var a = actual[i].data<double>().ToArray().Select(BitConverter.DoubleToInt64Bits);
                Assert.True(e.SequenceEqual(a), $"{what} {i} differs");
            }
            else
            {
                Bitwise.Equal(expected[i], actual[i], $"{what} {i}");
            }
        }
    }

    /// <summary>
    /// How many float32 elements are bit-identical, how many there are, and the largest difference in units of the
    /// expected value's last place (an ulp of <paramref name="floor"/> for values below it, where one ulp of the update
    /// is many ulps of the parameter).
    /// </summary>
    public static (long Identical, long Total, double LargestUlps) Compare(IReadOnlyList<Tensor> expected, IReadOnlyList<Tensor> actual, float floor)
    {
        long identical = 0, total = 0;
        double largest = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i].data<float>().ToArray();
            var a = actual[i].data<float>().ToArray();
            Assert.Equal(e.Length, a.Length);
            for (var k = 0; k < e.Length; k++)
            {
                total++;
                if (BitConverter.SingleToInt32Bits(e[k]) == BitConverter.SingleToInt32Bits(a[k])) identical++;
                else largest = Math.Max(largest, Math.Abs((double)a[k] - e[k]) / Ulp(Math.Max(Math.Abs(e[k]), floor)));
            }
        }
        return (identical, total, largest);
    }

    /// <summary>
    /// Objects the garbage collector found unreachable but waiting for their finalizer, after <paramref name="action"/>:
    /// what an undisposed <see cref="Scalar"/> (or tensor) left behind becomes.
    /// </summary>
    public static long FinalizableGarbageOf(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        action();
        GC.Collect();
        return GC.GetGCMemoryInfo(GCKind.FullBlocking).FinalizationPendingCount;
    }

    private static double Ulp(float value) => MathF.BitIncrement(value) - value;
}
