using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// TorchSharp's <see cref="TorchSharp.Modules.RMSProp"/> with a one-pass update: each float32 CPU parameter is updated
/// by one C# loop over parameter, gradient and running square instead of five libtorch operators (two of them making
/// temporaries), and <c>zero_grad</c> clears gradients from C#. Its state, <c>state_dict</c>, learning-rate control and
/// checkpoints are its base class's own.
/// </summary>
/// <remarks>
/// <para>Named like its base class on purpose: TorchSharp writes the optimizer's class name into saved optimizer state
/// and refuses to load state saved under another name, as do ModelDsl's checkpoints. With the same name, state saved by
/// either class loads into the other, and checkpoints written before the Trainer used this class still resume.</para>
/// <para>Besides the saved operator calls, the one-pass step creates no <see cref="Scalar"/> objects. TorchSharp's
/// <c>RMSProp.step</c> makes four per parameter per step and never disposes them; they wait for the garbage
/// collector, which a training loop that disposes its tensors rarely wakes. Measured on the seed convnet with the
/// fused kernels: those few thousand 32-byte native blocks, scattered among the step's multi-megabyte activations,
/// kept glibc from reusing the freed blocks, and the process grew by about 2 MB per step (1 GB after one
/// Fashion-MNIST epoch); with this step it stays flat.</para>
/// <para>Covered: momentum 0, not centered, not maximising, weight decay 0, float32 contiguous CPU parameters and
/// gradients. Anything else, and everything when the fused kernels are off (<c>MDSL_KERNELS=off</c> or
/// <see cref="FusedKernels.Enabled"/>), runs TorchSharp's own step. Values equal TorchSharp's step to the last bit
/// except where libtorch's square root (MKL's vector math, not correctly rounded) differs from the exact one, about
/// 0.7% of the running roots: those parameters differ by about one unit in the last place of the update (measured on
/// the seed convnet's parameters after 5 steps: 93,293 of 93,322 values identical, largest difference 1.2e-7).</para>
/// </remarks>
public sealed class RMSProp : TorchSharp.Modules.RMSProp
{
    /// <summary>Creates the optimizer; the arguments are <see cref="TorchSharp.Modules.RMSProp"/>'s.</summary>
    /// <param name="parameters">The parameters to optimise.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="alpha">Smoothing constant of the running mean of squared gradients (Keras's <c>rho</c>).</param>
    /// <param name="eps">Added to the root mean square before dividing.</param>
    /// <param name="weight_decay">L2 penalty; non-zero values run TorchSharp's step.</param>
    /// <param name="momentum">Momentum; non-zero values run TorchSharp's step.</param>
    /// <param name="centered">Centred RMSprop; runs TorchSharp's step.</param>
    /// <param name="maximize">Maximise instead of minimise; runs TorchSharp's step.</param>
    /// <exception cref="ArgumentException">A negative learning rate, epsilon, alpha, momentum or weight decay.</exception>
    public RMSProp(IEnumerable<Parameter> parameters, double lr = 1e-3, double alpha = 0.99, double eps = 1e-8,
        double weight_decay = 0, double momentum = 0, bool centered = false, bool maximize = false)
        : base(parameters, lr, alpha, eps, weight_decay, momentum, centered, maximize)
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
            var options = (Options)group.Options;
            var alpha = options.alpha!.Value;
            // The constants are rounded to float where libtorch rounds them: 1 - alpha is computed in double first.
            var oneMinusAlpha = (float)(1 - alpha);
            var negativeRate = (float)-options.LearningRate!.Value;
            foreach (var (param, grad) in OnePassStep.WithGradients(group))
            {
                var state = (State)_state[param.Handle];
                state.step += 1;
                unsafe
                {
                    RmsPropUpdate.Apply(TensorMemory.Floats(param), TensorMemory.Floats(grad), TensorMemory.Floats(state.square_avg),
                        param.numel(), (float)alpha, oneMinusAlpha, (float)options.eps!.Value, negativeRate);
                }
            }
        }, closure)!;
    }

    /// <summary>
    /// Sets every gradient to zero, as TorchSharp's <c>zero_grad</c> does, clearing float32 contiguous CPU gradients
    /// from C# (a libtorch <c>zero_</c> per parameter costs an operator call each, and for the larger ones a parallel
    /// region). Cleared in place, so the gradients' version counters do not advance (nothing in a training step
    /// reads them).
    /// </summary>
    public override void zero_grad() => OnePassStep.ZeroGradients(_parameter_groups);

    /// <summary>Whether every group's options and every parameter, gradient and state tensor suit the one-pass update.</summary>
    private bool Covered() => OnePassStep.Covers(_parameter_groups, _state,
        static o => o is Options { momentum: 0, centered: false, maximize: false, weight_decay: 0 },
        static (s, p) => s is State { square_avg: var square } && OnePassStep.Fits(square, p));
}
