using TorchSharp;
using OptimizerHelper = TorchSharp.Modules.OptimizerHelper;
using Parameter = TorchSharp.Modules.Parameter;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks.Kernels;

/// <summary>
/// One of ModelDsl's one-pass optimizers against the TorchSharp optimizer it derives from, on the seed convnet's ten
/// parameter shapes (93,322 values): first the values after several steps on the same gradients (how many elements are
/// bit-identical, the largest difference), then the time per <c>step</c> and per <c>zero_grad</c>.
/// </summary>
internal static class OptimizerBenchmark
{
    private static readonly long[][] Shapes = [[32, 1, 3, 3], [32], [64, 32, 3, 3], [64], [64, 64, 3, 3], [64], [64, 576], [64], [10, 64], [10]];

    /// <summary>Compares and times both optimizers.</summary>
    /// <param name="title">What is compared, e.g. <c>RMSprop</c> or <c>SGD, momentum 0.9</c>.</param>
    /// <param name="className">The optimizer's class name (the same on both sides).</param>
    /// <param name="torchSharps">Makes TorchSharp's optimizer over the given parameters.</param>
    /// <param name="ours">Makes ModelDsl's one-pass optimizer over the given parameters.</param>
    /// <param name="rounds">Timing rounds.</param>
    /// <param name="calls">Calls per sample.</param>
    public static void Run(string title, string className, Func<Parameter[], OptimizerHelper> torchSharps, Func<Parameter[], OptimizerHelper> ours,
        int rounds, int calls)
    {
        var reference = Parameters(seed: 3);
        var fused = Parameters(seed: 3);
        using var torchSharp = torchSharps(reference);
        using var oursOptimizer = ours(fused);
        for (var step = 0; step < 5; step++)
        {
            SetGradients(reference, fused, seed: 100 + step);
            torchSharp.step();
            oursOptimizer.step();
        }

        long equal = 0, total = 0;
        double worst = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            using var same = reference[i].eq(fused[i]);
            using var equalCount = same.sum();
            var equalHere = equalCount.item<long>();
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
        Console.WriteLine($"{title} after 5 steps: {equal:N0} of {total:N0} values bit-identical to TorchSharp's, largest difference {worst:G3}");

        oursOptimizer.zero_grad();
        var cleared = fused.All(p => { using var g = p.grad!; using var any = g.abs().sum(); return any.item<float>() == 0; });
        Console.WriteLine($"ModelDsl {className}.zero_grad left every gradient zero: {cleared}");

        var baseline = $"{className}.step TorchSharp";
        var timing = new Timing();
        timing.Alternate(rounds, calls, (baseline, () => torchSharp.step()), ($"ModelDsl {className}.step", () => oursOptimizer.step()));
        timing.Print($"{title} step over the seed convnet's parameters", baseline);
        var zeroing = new Timing();
        zeroing.Alternate(rounds, calls, ("zero_grad TorchSharp", () => torchSharp.zero_grad()), ($"ModelDsl {className}.zero_grad", () => oursOptimizer.zero_grad()));
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
