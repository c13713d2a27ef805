using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Optim;

/// <summary>Adam (torch.optim.Adam): weight decay as an L2 term on the gradient; optional AMSGrad.</summary>
public class Adam : Optimizer
{
    /// <summary>Creates the optimizer with PyTorch's defaults.</summary>
    public Adam(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : this([new ParamGroup(parameters)], learningRate, beta1, beta2, eps, weightDecay, amsgrad)
    {
    }

    /// <summary>Creates the optimizer over parameter <paramref name="groups"/>.</summary>
    public Adam(IEnumerable<ParamGroup> groups, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
        : this(groups, learningRate, beta1, beta2, eps, weightDecay, amsgrad, decoupled: false)
    {
    }

    private protected Adam(IEnumerable<ParamGroup> groups, double learningRate, double beta1, double beta2, double eps,
        double weightDecay, bool amsgrad, bool decoupled)
        : base(groups, learningRate, amsgrad ? ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"] : ["exp_avg", "exp_avg_sq"])
    {
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), $"beta1 must be in [0, 1), got {beta1}.");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), $"beta2 must be in [0, 1), got {beta2}.");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), $"eps must be non-negative, got {eps}.");
        if (weightDecay < 0) throw new ArgumentOutOfRangeException(nameof(weightDecay), $"Weight decay must be non-negative, got {weightDecay}.");
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        AmsGrad = amsgrad;
        Decoupled = decoupled;
    }

    /// <summary>Decay of the first-moment estimate.</summary>
    public double Beta1 { get; }

    /// <summary>Decay of the second-moment estimate.</summary>
    public double Beta2 { get; }

    /// <summary>Added to the denominator.</summary>
    public double Eps { get; }

    /// <summary>Weight decay (L2 for Adam, decoupled for AdamW).</summary>
    public double WeightDecay { get; }

    /// <summary>Whether the maximum of past second moments is used.</summary>
    public bool AmsGrad { get; }

    private bool Decoupled { get; }

    private protected override unsafe int StepGroup(IntPtr[] parameters, IntPtr[][] state, long[] steps, double learningRate)
    {
        fixed (IntPtr* p = parameters)
        fixed (IntPtr* m = state[0])
        fixed (IntPtr* v = state[1])
        fixed (IntPtr* vmax = AmsGrad ? state[2] : null)
        fixed (long* s = steps)
        {
            return NativeMethods.mdsl_optim_adam_step(p, m, v, vmax, s, parameters.Length, learningRate, Beta1, Beta2, Eps,
                WeightDecay, AmsGrad ? 1 : 0, Decoupled ? 1 : 0, 0);
        }
    }
}
