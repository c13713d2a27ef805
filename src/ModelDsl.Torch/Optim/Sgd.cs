using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Optim;

/// <summary>Stochastic gradient descent with optional momentum, dampening, Nesterov and weight decay (torch.optim.SGD).</summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer over <paramref name="parameters"/>.</summary>
    public Sgd(IEnumerable<Tensor> parameters, double learningRate = 0.01, double momentum = 0, double dampening = 0,
        bool nesterov = false, double weightDecay = 0)
        : this([new ParamGroup(parameters)], learningRate, momentum, dampening, nesterov, weightDecay)
    {
    }

    /// <summary>Creates the optimizer over parameter <paramref name="groups"/>.</summary>
    public Sgd(IEnumerable<ParamGroup> groups, double learningRate = 0.01, double momentum = 0, double dampening = 0,
        bool nesterov = false, double weightDecay = 0)
        : base(groups, learningRate, momentum != 0 ? ["momentum_buffer"] : [])
    {
        if (momentum < 0) throw new ArgumentOutOfRangeException(nameof(momentum), $"Momentum must be non-negative, got {momentum}.");
        if (weightDecay < 0) throw new ArgumentOutOfRangeException(nameof(weightDecay), $"Weight decay must be non-negative, got {weightDecay}.");
        if (nesterov && (momentum <= 0 || dampening != 0)) throw new ArgumentException("Nesterov momentum needs a positive momentum and zero dampening.", nameof(nesterov));
        Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
    }

    /// <summary>Momentum factor.</summary>
    public double Momentum { get; }

    /// <summary>Dampening of the gradient added to the momentum buffer.</summary>
    public double Dampening { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public double WeightDecay { get; }

    private protected override unsafe int StepGroup(IntPtr[] parameters, IntPtr[][] state, long[] steps, double learningRate)
    {
        fixed (IntPtr* p = parameters)
        fixed (IntPtr* buf = Momentum != 0 ? state[0] : null)
        fixed (long* s = steps)
        {
            return NativeMethods.mdsl_optim_sgd_step(p, buf, s, parameters.Length, learningRate, Momentum, Dampening, Nesterov ? 1 : 0, WeightDecay, 0);
        }
    }
}
