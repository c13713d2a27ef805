using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// TorchSharp's <see cref="TorchSharp.Modules.Adam"/> with a one-pass update: each float32 CPU parameter is updated by
/// one C# loop over parameter, gradient and both running averages instead of eight libtorch operators (two of them
/// making temporaries), and <c>zero_grad</c> clears gradients from C#. Its state, <c>state_dict</c>, learning-rate
/// control and checkpoints are its base class's own.
/// </summary>
/// <remarks>
/// <para>Named like its base class on purpose: TorchSharp writes the optimizer's class name into saved optimizer state
/// and refuses to load state saved under another name, as do ModelDsl's checkpoints. With the same name, state saved by
/// either class loads into the other.</para>
/// <para>The one-pass step creates no <see cref="TorchSharp.Scalar"/> objects. TorchSharp's <c>Adam.step</c> makes
/// eight (nine with weight decay) per parameter per step (measured) and never disposes them; they wait for the garbage
/// collector and fragment the native heap (see <see cref="RMSProp"/>).</para>
/// <para>Covered: not AMSGrad (weight decay as Adam's L2 term and maximising are covered), float32 contiguous CPU
/// parameters, gradients and state. AMSGrad, anything else, and everything when the fused kernels are off
/// (<c>MDSL_KERNELS=off</c> or <see cref="FusedKernels.Enabled"/>) run TorchSharp's own step. The running averages
/// equal TorchSharp's to the last bit (with weight decay, up to where the parameters already differ). The parameters
/// equal TorchSharp's except where libtorch's square root (MKL's vector math, not correctly rounded) differs from the
/// exact one: there the update differs by about one unit in its last place, which moves the rounded parameter by at
/// most one unit in the last place of the larger of the parameter and the learning rate, per step. Measured on 56,397 values of
/// the seed convnet's shapes: after one step, 363 libtorch roots (0.64%) are not the exact ones and 4 parameters differ;
/// after 5 steps, 56,343 to 56,392 values are identical for learning rates 1e-2 and 1e-3, the largest difference 4 such
/// units (the kernel tests' <c>AdamTests</c> assert these bounds).</para>
/// </remarks>
public sealed class Adam : TorchSharp.Modules.Adam
{
    /// <summary>Creates the optimizer over one group of parameters; the arguments are <see cref="TorchSharp.Modules.Adam"/>'s.</summary>
    /// <param name="parameters">The parameters to optimise.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">Decay of the running mean of gradients.</param>
    /// <param name="beta2">Decay of the running mean of squared gradients.</param>
    /// <param name="eps">Added to the bias-corrected root mean square before dividing.</param>
    /// <param name="weight_decay">L2 penalty, added to the gradient.</param>
    /// <param name="amsgrad">The AMSGrad variant; runs TorchSharp's step.</param>
    /// <param name="maximize">Maximise instead of minimise.</param>
    /// <exception cref="ArgumentException">A negative learning rate, epsilon or weight decay, or a beta outside [0, 1).</exception>
    public Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : base(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
    {
    }

    /// <summary>Creates the optimizer over parameter groups with options of their own; the arguments are <see cref="TorchSharp.Modules.Adam"/>'s.</summary>
    /// <param name="groups">The parameter groups; options a group leaves unset take the values below.</param>
    /// <param name="lr">Default learning rate.</param>
    /// <param name="beta1">Default decay of the running mean of gradients.</param>
    /// <param name="beta2">Default decay of the running mean of squared gradients.</param>
    /// <param name="eps">Default epsilon.</param>
    /// <param name="weight_decay">Default L2 penalty.</param>
    /// <param name="amsgrad">Default for the AMSGrad variant (runs TorchSharp's step).</param>
    /// <param name="maximize">Default for maximising.</param>
    /// <exception cref="ArgumentException">A negative learning rate, epsilon or weight decay, or a beta outside [0, 1).</exception>
    public Adam(IEnumerable<ParamGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : base(groups, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
    {
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    /// <param name="closure">Re-evaluates the model and returns the loss (optional).</param>
    /// <returns>The closure's loss, or <see langword="null"/>.</returns>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        if (!FusedKernels.Enabled || !Covered()) return base.step(closure);
        return _step<ParamGroup>(group =>
        {
            var o = (Options)group.Options;
            AdamFamilyStep.Run(group, o.LearningRate!.Value, o.beta1!.Value, o.beta2!.Value, o.eps!.Value, o.weight_decay!.Value,
                decoupled: false, o.maximize!.Value, param =>
                {
                    var state = (State)_state[param.Handle];
                    state.step += 1;
                    return (state.exp_avg, state.exp_avg_sq, state.step);
                });
        }, closure)!;
    }

    /// <summary>
    /// Sets every gradient to zero, as TorchSharp's <c>zero_grad</c> does, clearing float32 contiguous CPU gradients in
    /// place from C# (no operator call per parameter).
    /// </summary>
    public override void zero_grad() => OnePassStep.ZeroGradients(_parameter_groups);

    private bool Covered() => OnePassStep.Covers(_parameter_groups, _state,
        static o => o is Options { amsgrad: false, maximize: not null, weight_decay: not null },
        static (s, p) => s is State { exp_avg: var average, exp_avg_sq: var square } && OnePassStep.Fits(average, p) && OnePassStep.Fits(square, p));
}
