using TorchSharpAdam = TorchSharp.Modules.Adam;
using TorchSharpSgd = TorchSharp.Modules.SGD;

namespace ModelDsl.Benchmarks.Kernels;

/// <summary>
/// <see cref="ModelDsl.Runtime.Kernels.Adam"/> (Keras's "adam": lr 1e-3, betas 0.9/0.999, eps 1e-7) and
/// <see cref="ModelDsl.Runtime.Kernels.SGD"/> with momentum 0.9 (lr 0.01) against TorchSharp's, through
/// <see cref="OptimizerBenchmark"/>.
/// </summary>
internal static class AdamSgdBenchmark
{
    public static void RunAdam(int rounds, int calls) => OptimizerBenchmark.Run("Adam", "Adam",
        p => new TorchSharpAdam(p, lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-7),
        p => new ModelDsl.Runtime.Kernels.Adam(p, lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-7), rounds, calls);

    public static void RunSgd(int rounds, int calls) => OptimizerBenchmark.Run("SGD, momentum 0.9", "SGD",
        p => new TorchSharpSgd(p, 0.01, momentum: 0.9),
        p => new ModelDsl.Runtime.Kernels.SGD(p, 0.01, momentum: 0.9), rounds, calls);
}
