using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// TorchSharp's <see cref="TorchSharp.Modules.SGD"/> with a one-pass update: each float32 CPU parameter is updated by
/// one C# loop over parameter, gradient and momentum buffer instead of up to four libtorch operators (some making
/// temporaries), and <c>zero_grad</c> clears gradients from C#. Its state, <c>state_dict</c>, learning-rate control
/// and checkpoints are its base class's own.
/// </summary>
/// <remarks>
/// <para>Named like its base class on purpose: TorchSharp writes the optimizer's class name into saved optimizer state
/// and refuses to load state saved under another name, as do ModelDsl's checkpoints. With the same name, state saved by
/// either class loads into the other.</para>
/// <para>The one-pass step creates no <see cref="TorchSharp.Scalar"/> objects; TorchSharp's <c>SGD.step</c> makes one
/// to five per parameter per step (measured) and never disposes them (see <see cref="RMSProp"/> for what that does to
/// the native heap).</para>
/// <para>Covered: every option (momentum, dampening, Nesterov momentum, weight decay, maximising) on float32 contiguous
/// CPU parameters, gradients and momentum buffers. Anything else, and everything when the fused kernels are off
/// (<c>MDSL_KERNELS=off</c> or <see cref="FusedKernels.Enabled"/>), runs TorchSharp's own step. There is no square
/// root in SGD: parameters and momentum buffers equal TorchSharp's to the last bit.</para>
/// </remarks>
public sealed class SGD : TorchSharp.Modules.SGD
{
    /// <summary>Creates the optimizer over one group of parameters; the arguments are <see cref="TorchSharp.Modules.SGD"/>'s.</summary>
    /// <param name="parameters">The parameters to optimise.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="momentum">Momentum factor (0: none).</param>
    /// <param name="dampening">Dampening of the gradient's share of the momentum buffer.</param>
    /// <param name="weight_decay">L2 penalty, added to the gradient.</param>
    /// <param name="nesterov">Nesterov momentum (needs a momentum and no dampening).</param>
    /// <param name="maximize">Maximise instead of minimise.</param>
    /// <exception cref="ArgumentException">A negative learning rate, momentum or weight decay, or Nesterov momentum without momentum or with dampening.</exception>
    public SGD(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0,
        bool nesterov = false, bool maximize = false)
        : base(parameters, lr, momentum, dampening, weight_decay, nesterov, maximize)
    {
    }

    /// <summary>Creates the optimizer over parameter groups with options of their own; the arguments are <see cref="TorchSharp.Modules.SGD"/>'s.</summary>
    /// <param name="groups">The parameter groups; options a group leaves unset take the values below.</param>
    /// <param name="lr">Default learning rate.</param>
    /// <param name="momentum">Default momentum factor.</param>
    /// <param name="dampening">Default dampening.</param>
    /// <param name="weight_decay">Default L2 penalty.</param>
    /// <param name="nesterov">Default for Nesterov momentum.</param>
    /// <param name="maximize">Default for maximising.</param>
    /// <exception cref="ArgumentException">A negative learning rate, momentum or weight decay, or Nesterov momentum without momentum or with dampening.</exception>
    public SGD(IEnumerable<ParamGroup> groups, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0,
        bool nesterov = false, bool maximize = false)
        : base(groups, lr, momentum, dampening, weight_decay, nesterov, maximize)
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
            var momentum = o.momentum!.Value;
            foreach (var (param, grad) in OnePassStep.WithGradients(group))
            {
                var state = (State)_state[param.Handle];
                var firstStep = momentum != 0 && state.momentum_buffer is null;
                // TorchSharp's first step makes the buffer as a clone of the gradient; here the update fills it.
                if (firstStep) state.momentum_buffer = empty_like(param).DetachFromDisposeScope();
                var constants = new SgdConstants(o.LearningRate!.Value, momentum, o.dampening!.Value, o.weight_decay!.Value,
                    o.nesterov!.Value, o.maximize!.Value, firstStep);
                unsafe
                {
                    SgdUpdate.Apply(TensorMemory.Floats(param), TensorMemory.Floats(grad),
                        momentum != 0 ? TensorMemory.Floats(state.momentum_buffer!) : null, param.numel(), constants);
                }
            }
        }, closure)!;
    }

    /// <summary>
    /// Sets every gradient to zero, as TorchSharp's <c>zero_grad</c> does, clearing float32 contiguous CPU gradients in
    /// place from C# (no operator call per parameter).
    /// </summary>
    public override void zero_grad() => OnePassStep.ZeroGradients(_parameter_groups);

    private bool Covered() => OnePassStep.Covers(_parameter_groups, _state,
        static o => o is Options { momentum: not null, dampening: not null, weight_decay: not null, nesterov: not null, maximize: not null },
        static (s, p) => s is State { momentum_buffer: var buffer } && (buffer is null || OnePassStep.Fits(buffer, p)));
}
