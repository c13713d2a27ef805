using ModelDsl.Runtime.Kernels;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;
using TorchSharpRmsProp = TorchSharp.Modules.RMSProp;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks.Kernels;

/// <summary>
/// <see cref="ModelDsl.Runtime.Kernels.RMSProp"/> against TorchSharp's <see cref="TorchSharpRmsProp"/> (Keras's hyper-parameters) on the seed
/// convnet's ten parameter shapes (93,322 values): first the values after several steps on the same gradients
/// (how many elements are bit-identical, the largest difference), then the time per step and per <c>zero_grad</c>.
/// </summary>
internal static class RmsPropBenchmark
{
    private const string Baseline = "RMSProp.step TorchSharp";
    private static readonly long[][] Shapes = [[32, 1, 3, 3], [32], [64, 32, 3, 3], [64], [64, 64, 3, 3], [64], [64, 576], [64], [10, 64], [10]];

    public static void Run(int rounds, int calls)
    {
        var reference = Parameters(seed: 3);
        var fused = Parameters(seed: 3);
        using var torchSharp = new TorchSharpRmsProp(reference, lr: 1e-3, alpha: 0.9, eps: 1e-7);
        using var ours = new ModelDsl.Runtime.Kernels.RMSProp(fused, lr: 1e-3, alpha: 0.9, eps: 1e-7);
        for (var step = 0; step < 5; step++)
        {
            SetGradients(reference, fused, seed: 100 + step);
            torchSharp.step();
            ours.step();
        }

        long equal = 0, total = 0;
        double worst = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            using var same = reference[i].eq(fused[i]);
            var equalHere = same.sum().item<long>();
            equal += equalHere;
            if (equalHere != reference[i].numel())
            {
                using var firstDiff = same.logical_not().flatten().nonzero();
                Console.WriteLine($"  [{string.Join(",", reference[i].shape)}]: {reference[i].numel() - equalHere} differ, first at flat index {firstDiff[0].item<long>()}");
            }
            total += reference[i].numel();
            using var diff = (reference[i] - fused[i]).abs().max();
            worst = Math.Max(worst, diff.item<float>());
        }
        Console.WriteLine($"RMSprop after 5 steps: {equal:N0} of {total:N0} values bit-identical to TorchSharp's, largest difference {worst:G3}");

        ours.zero_grad();
        var cleared = fused.All(p => { using var g = p.grad!; using var any = g.abs().sum(); return any.item<float>() == 0; });
        Console.WriteLine($"ModelDsl RMSProp.zero_grad left every gradient zero: {cleared}");

        var timing = new Timing();
        timing.Alternate(rounds, calls, (Baseline, () => torchSharp.step()), ("ModelDsl RMSProp.step", () => ours.step()));
        timing.Print("RMSprop step over the seed convnet's parameters", Baseline);
        var zeroing = new Timing();
        zeroing.Alternate(rounds, calls, ("zero_grad TorchSharp", () => torchSharp.zero_grad()), ("ModelDsl RMSProp.zero_grad", () => ours.zero_grad()));
        zeroing.Print("zero_grad over the seed convnet's parameters", "zero_grad TorchSharp");
        foreach (var p in reference.Concat(fused)) p.Dispose();
    }

    private static Parameter[] Parameters(int seed)
    {
        using var generator = new Generator((ulong)seed);
        return Shapes.Select(s => new Parameter(randn(s, generator: generator))).ToArray();
    }

    private static void SetGradients(Parameter[] a, Parameter[] b, int seed)
    {
        using var generator = new Generator((ulong)seed);
        for (var i = 0; i < a.Length; i++)
        {
            var g = randn(a[i].shape, generator: generator).mul_(0.01);
            a[i].grad = g;
            b[i].grad = g.clone();
        }
    }
}
