using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// What the one-pass optimizers (<see cref="RMSProp"/>, <see cref="Adam"/>, <see cref="AdamW"/>, <see cref="SGD"/>)
/// share: which parameters, gradients and state tensors their C# updates cover, the walk over the parameters that have
/// a gradient, and clearing gradients from C#. Their base classes are different TorchSharp types, so the sharing is
/// through this helper rather than a common base class.
/// </summary>
internal static class OnePassStep
{
    /// <summary>
    /// Whether every group's options and every parameter, its gradient and its state suit a one-pass update. A
    /// parameter without state (added to a group's list after the optimizer was made) leaves the step to TorchSharp's,
    /// which reports it.
    /// </summary>
    /// <param name="groups">The optimizer's parameter groups.</param>
    /// <param name="states">The optimizer's per-parameter state, keyed by parameter handle.</param>
    /// <param name="coversOptions">Whether a group's options are ones the update implements.</param>
    /// <param name="coversState">Whether a parameter's state tensors suit the update (see <see cref="Fits"/>).</param>
    public static bool Covers(IEnumerable<ParamGroup> groups, OrderedDict<IntPtr, OptimizerState> states,
        Func<OptimizerOptions, bool> coversOptions, Func<OptimizerState, Parameter, bool> coversState)
    {
        foreach (var group in groups)
        {
            if (!coversOptions(group.Options)) return false;
            foreach (var param in group.Parameters)
            {
                if (!IsFloatCpuContiguous(param) || !states.ContainsKey(param.Handle) || !coversState(states[param.Handle], param)) return false;
                using var grad = param.grad;
                if (grad is not null && !Fits(grad, param)) return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Each parameter of <paramref name="group"/> that has a gradient, with that gradient. The gradient handle is
    /// disposed when the walk moves on, so a step leaves nothing for the dispose scope or the garbage collector.
    /// </summary>
    public static IEnumerable<(Parameter Param, Tensor Grad)> WithGradients(ParamGroup group)
    {
        foreach (var param in group.Parameters)
        {
            using var grad = param.grad;
            if (grad is null) continue;
            yield return (param, grad);
        }
    }

    /// <summary>
    /// Sets every gradient to zero, as TorchSharp's <c>zero_grad</c> does: float32 contiguous CPU gradients are cleared
    /// from C# when the fused kernels are on (a libtorch <c>zero_</c> per parameter costs an operator call each, and for
    /// the larger ones a parallel region), the others by <c>zero_</c>.
    /// </summary>
    public static void ZeroGradients(IEnumerable<ParamGroup> groups)
    {
        foreach (var group in groups)
        {
            foreach (var param in group.Parameters)
            {
                using var grad = param.grad;
                if (grad is null) continue;
                if (FusedKernels.Enabled && IsFloatCpuContiguous(grad)) grad.bytes.Clear();
                else grad.zero_();
            }
        }
    }

    /// <summary>Whether <paramref name="tensor"/> is a float32 contiguous CPU tensor with as many elements as <paramref name="param"/>.</summary>
    public static bool Fits(Tensor? tensor, Parameter param) =>
        tensor is not null && IsFloatCpuContiguous(tensor) && tensor.numel() == param.numel();

    /// <summary>Whether a tensor is float32, on the CPU, contiguous and small enough for <see cref="Tensor.bytes"/>.</summary>
    public static bool IsFloatCpuContiguous(Tensor t) =>
        t.dtype == ScalarType.Float32 && t.device_type == DeviceType.CPU && t.is_contiguous() && TensorMemory.FitsSpan(t);
}
