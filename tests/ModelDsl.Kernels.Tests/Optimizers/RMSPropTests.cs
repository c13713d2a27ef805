using ModelDsl.Kernels.Tests.Support;
using ModelDsl.Runtime.Kernels;
using TorchSharp;
using OptimizerHelper = TorchSharp.Modules.OptimizerHelper;
using Parameter = TorchSharp.Modules.Parameter;
using TorchSharpRmsProp = TorchSharp.Modules.RMSProp;
using static TorchSharp.torch;

namespace ModelDsl.Kernels.Tests.Optimizers;

/// <summary>
/// ModelDsl's one-pass RMSProp against TorchSharp's on the seed convnet's ten parameter shapes (odd sizes included: a 10-wide
/// bias leaves a tail after the 8-wide vectors): values, state format, fallbacks and zero_grad.
/// </summary>
[Collection(KernelsCollection.Name)]
public sealed class RMSPropTests
{
    private static readonly long[][] Shapes = [[32, 1, 3, 3], [32], [64, 32, 3, 3], [64], [64, 576], [64], [10, 64], [10], [3]];

    [Fact]
    public void Step_MatchesTorchSharpBitForBit_ButWhereLibtorchsSquareRootRoundsOtherwise()
    {
        var (reference, fused) = (Parameters(), Parameters());
        using var expected = new TorchSharpRmsProp(reference, lr: 1e-3, alpha: 0.9, eps: 1e-7);
        using var actual = new ModelDsl.Runtime.Kernels.RMSProp(fused, lr: 1e-3, alpha: 0.9, eps: 1e-7);
        for (var step = 0; step < 5; step++)
        {
            SetGradients(reference, fused, 100 + step);
            expected.step();
            actual.step();
        }

        long identical = 0, total = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            var e = reference[i].data<float>().ToArray();
            var a = fused[i].data<float>().ToArray();
            for (var k = 0; k < e.Length; k++)
            {
                total++;
                if (BitConverter.SingleToInt32Bits(e[k]) == BitConverter.SingleToInt32Bits(a[k])) identical++;
                // libtorch's square root (MKL) is not correctly rounded: a one-ulp root changes the update by about one ulp
                // of the update (learning-rate sized), which near zero is several ulps of the parameter.
                else Assert.True(Math.Abs(a[k] - e[k]) <= Math.Max(Math.Abs(e[k]), 1e-3f) * 2.4e-7f,
                    $"parameter {i} element {k}: TorchSharp {e[k]}, fused {a[k]}");
            }
        }
        Assert.True(identical >= total * 0.995, $"only {identical} of {total} values are bit-identical");
    }

    [Fact]
    public void State_LoadsIntoTorchSharpsRmsProp_AndBack()
    {
        var fused = Parameters();
        using var actual = new ModelDsl.Runtime.Kernels.RMSProp(fused, lr: 1e-3, alpha: 0.9, eps: 1e-7);
        SetGradients(Parameters(), fused, 7);
        actual.step();
        var written = Save(actual);

        var copies = fused.Select(p => new Parameter(p.detach().clone())).ToArray();
        using var reference = new TorchSharpRmsProp(copies, lr: 1e-3, alpha: 0.9, eps: 1e-7);
        using (var reader = new BinaryReader(new MemoryStream(written))) reference.load_state_dict(reader);
        Assert.Equal(written, Save(reference));
    }

    [Fact]
    public void Momentum_RunsTorchSharpsStep()
    {
        var (reference, fused) = (Parameters(), Parameters());
        using var expected = new TorchSharpRmsProp(reference, lr: 1e-3, alpha: 0.9, eps: 1e-7, momentum: 0.9);
        using var actual = new ModelDsl.Runtime.Kernels.RMSProp(fused, lr: 1e-3, alpha: 0.9, eps: 1e-7, momentum: 0.9);
        SetGradients(reference, fused, 11);
        expected.step();
        actual.step();
        for (var i = 0; i < reference.Length; i++) Bitwise.Equal(reference[i], fused[i], $"parameter {i}");
    }

    [Fact]
    public void KernelsOff_RunsTorchSharpsStep()
    {
        var wasEnabled = FusedKernels.Enabled;
        FusedKernels.Enabled = false;
        try
        {
            var (reference, fused) = (Parameters(), Parameters());
            using var expected = new TorchSharpRmsProp(reference, lr: 1e-3, alpha: 0.9, eps: 1e-7);
            using var actual = new ModelDsl.Runtime.Kernels.RMSProp(fused, lr: 1e-3, alpha: 0.9, eps: 1e-7);
            SetGradients(reference, fused, 13);
            expected.step();
            actual.step();
            for (var i = 0; i < reference.Length; i++) Bitwise.Equal(reference[i], fused[i], $"parameter {i}");
        }
        finally
        {
            FusedKernels.Enabled = wasEnabled;
        }
    }

    [Fact]
    public void ZeroGrad_ClearsEveryGradient_AndSkipsParametersWithout()
    {
        var fused = Parameters();
        using var actual = new ModelDsl.Runtime.Kernels.RMSProp(fused, lr: 1e-3, alpha: 0.9, eps: 1e-7);
        SetGradients(Parameters(), fused, 17);
        fused[^1].grad = null;
        actual.zero_grad();
        for (var i = 0; i < fused.Length - 1; i++)
        {
            using var grad = fused[i].grad!;
            Assert.All(grad.data<float>().ToArray(), v => Assert.Equal(0f, v));
        }
        Assert.Null(fused[^1].grad);
    }

    private static Parameter[] Parameters()
    {
        using var generator = new Generator(3);
        return Shapes.Select(s => new Parameter(randn(s, generator: generator))).ToArray();
    }

    private static void SetGradients(Parameter[] a, Parameter[] b, int seed)
    {
        using var generator = new Generator((ulong)seed);
        for (var i = 0; i < a.Length; i++)
        {
            using var g = randn(a[i].shape, generator: generator).mul_(0.01);
            a[i].grad = g.clone();
            b[i].grad = g.clone();
        }
    }

    private static byte[] Save(OptimizerHelper optimizer)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true)) optimizer.save_state_dict(writer);
        return memory.ToArray();
    }
}
