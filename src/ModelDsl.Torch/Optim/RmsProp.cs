using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Optim;

/// <summary>
/// RMSprop (torch.optim.RMSprop): eps is added outside the square root, as Keras also does, so
/// <see cref="Keras"/> reproduces Keras's optimizer with its defaults (rho 0.9, eps 1e-7).
/// </summary>
public sealed class RmsProp : Optimizer
{
    /// <summary>Creates the optimizer with PyTorch's defaults (alpha 0.99, eps 1e-8).</summary>
    public RmsProp(IEnumerable<Tensor> parameters, double learningRate = 0.01, double alpha = 0.99, double eps = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false)
        : this([new ParamGroup(parameters)], learningRate, alpha, eps, weightDecay, momentum, centered)
    {
    }

    /// <summary>Creates the optimizer over parameter <paramref name="groups"/>.</summary>
    public RmsProp(IEnumerable<ParamGroup> groups, double learningRate = 0.01, double alpha = 0.99, double eps = 1e-8,
        double weightDecay = 0, double momentum = 0, bool centered = false)
        : base(groups, learningRate, StateNamesFor(momentum, centered))
    {
        if (alpha is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(alpha), $"RMSprop alpha (rho) must be in [0, 1], got {alpha}.");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), $"RMSprop eps must be non-negative, got {eps}.");
        if (momentum < 0) throw new ArgumentOutOfRangeException(nameof(momentum), $"Momentum must be non-negative, got {momentum}.");
        Alpha = alpha;
        Eps = eps;
        WeightDecay = weightDecay;
        MomentumFactor = momentum;
        Centered = centered;
    }

    /// <summary>Keras's RMSprop defaults: learning rate 0.001, rho 0.9, eps 1e-7, no momentum.</summary>
    public static RmsProp Keras(IEnumerable<Tensor> parameters, double learningRate = 0.001, double rho = 0.9, double eps = 1e-7, double momentum = 0, bool centered = false) =>
        new(parameters, learningRate, rho, eps, 0, momentum, centered);

    /// <summary>Decay of the running average of squared gradients (Keras's rho).</summary>
    public double Alpha { get; }

    /// <summary>Added to the root-mean-square.</summary>
    public double Eps { get; }

    /// <summary>L2 penalty added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <summary>Momentum factor.</summary>
    public double MomentumFactor { get; }

    /// <summary>Whether the gradient's running mean is subtracted (centered RMSprop).</summary>
    public bool Centered { get; }

    private static string[] StateNamesFor(double momentum, bool centered)
    {
        var names = new List<string> { "square_avg" };
        if (momentum > 0) names.Add("momentum_buffer");
        if (centered) names.Add("grad_avg");
        return [.. names];
    }

    private protected override unsafe int StepGroup(IntPtr[] parameters, IntPtr[][] state, long[] steps, double learningRate)
    {
        var momentumBuffers = MomentumFactor > 0 ? state[1] : null;
        var gradAvgs = Centered ? state[^1] : null;
        fixed (IntPtr* p = parameters)
        fixed (IntPtr* sq = state[0])
        fixed (IntPtr* ga = gradAvgs)
        fixed (IntPtr* mb = momentumBuffers)
        fixed (long* s = steps)
        {
            return NativeMethods.mdsl_optim_rmsprop_step(p, sq, ga, mb, s, parameters.Length, learningRate, Alpha, Eps, WeightDecay, MomentumFactor, Centered ? 1 : 0, 0);
        }
    }
}
