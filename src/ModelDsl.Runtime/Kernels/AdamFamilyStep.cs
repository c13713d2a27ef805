using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// The one-pass step <see cref="Adam"/> and <see cref="AdamW"/> share. Their TorchSharp base classes are unrelated types
/// with their own option and state classes, so each reads its options and advances its own state, and this does the
/// rest.
/// </summary>
internal static class AdamFamilyStep
{
    /// <summary>
    /// Updates every parameter of <paramref name="group"/> that has a gradient with <see cref="AdamUpdate"/>.
    /// </summary>
    /// <param name="group">The parameter group.</param>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">Decay of the running mean of gradients.</param>
    /// <param name="beta2">Decay of the running mean of squared gradients.</param>
    /// <param name="eps">Added to the bias-corrected root.</param>
    /// <param name="weightDecay">Adam's L2 term or AdamW's decay.</param>
    /// <param name="decoupled">AdamW's decoupled weight decay.</param>
    /// <param name="maximize">Ascend instead of descend.</param>
    /// <param name="advance">Counts the parameter's step in its state; returns its running averages and the new count.</param>
    public static unsafe void Run(ParamGroup group, double lr, double beta1, double beta2, double eps, double weightDecay,
        bool decoupled, bool maximize, Func<Parameter, (Tensor Average, Tensor Square, long Step)> advance)
    {
        foreach (var (param, grad) in OnePassStep.WithGradients(group))
        {
            var (average, square, step) = advance(param);
            var constants = new AdamConstants(lr, beta1, beta2, eps, weightDecay, decoupled, maximize, step);
            AdamUpdate.Apply(TensorMemory.Floats(param), TensorMemory.Floats(grad), TensorMemory.Floats(average),
                TensorMemory.Floats(square), param.numel(), constants);
        }
    }
}
