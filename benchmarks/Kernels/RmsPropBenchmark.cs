using TorchSharpRmsProp = TorchSharp.Modules.RMSProp;

namespace ModelDsl.Benchmarks.Kernels;

/// <summary>
/// <see cref="ModelDsl.Runtime.Kernels.RMSProp"/> against TorchSharp's <see cref="TorchSharpRmsProp"/> with Keras's
/// hyper-parameters (lr 1e-3, rho 0.9, eps 1e-7), through <see cref="OptimizerBenchmark"/>.
/// </summary>
internal static class RmsPropBenchmark
{
    public static void Run(int rounds, int calls) => OptimizerBenchmark.Run("RMSprop", "RMSProp",
        p => new TorchSharpRmsProp(p, lr: 1e-3, alpha: 0.9, eps: 1e-7),
        p => new ModelDsl.Runtime.Kernels.RMSProp(p, lr: 1e-3, alpha: 0.9, eps: 1e-7), rounds, calls);
}
