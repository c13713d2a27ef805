using ModelDsl.Kernels.Tests.Support;
using static TorchSharp.torch;
using OptimizerHelper = TorchSharp.Modules.OptimizerHelper;
using Parameter = TorchSharp.Modules.Parameter;
using TorchSharpAdamW = TorchSharp.Modules.AdamW;

namespace ModelDsl.Kernels.Tests.Optimizers;

/// <summary>ModelDsl's one-pass <see cref="ModelDsl.Runtime.Kernels.AdamW"/> against TorchSharp's <see cref="TorchSharpAdamW"/>.</summary>
[Collection(KernelsCollection.Name)]
public sealed class AdamWTests : AdamFamilyTests
{
    protected override bool DecayEntersAverages => false;

    protected override OptimizerHelper TorchSharps(Parameter[] p, double lr, double beta1, double beta2, double eps, double weightDecay,
        bool amsgrad = false, bool maximize = false) => new TorchSharpAdamW(p, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);

    protected override OptimizerHelper Ours(Parameter[] p, double lr, double beta1, double beta2, double eps, double weightDecay,
        bool amsgrad = false, bool maximize = false) => new ModelDsl.Runtime.Kernels.AdamW(p, lr, beta1, beta2, eps, weightDecay, amsgrad, maximize);

    protected override OptimizerHelper Grouped(bool ours, Parameter[] first, double firstRate, Parameter[] second, double secondRate)
    {
        TorchSharpAdamW.ParamGroup[] groups = [new(first, lr: firstRate), new(second, lr: secondRate, beta1: 0.8)];
        return ours ? new ModelDsl.Runtime.Kernels.AdamW(groups) : new TorchSharpAdamW(groups);
    }

    protected override (Tensor Average, Tensor Square) Averages(OptimizerHelper optimizer, int parameter)
    {
        var state = (TorchSharpAdamW.State)optimizer.state_dict().State[parameter];
        return (state.exp_avg, state.exp_avg_sq);
    }
}
