using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Training;

/// <summary>
/// Creates TorchSharp optimizers from Keras names, with Keras's default hyper-parameters mapped onto
/// TorchSharp's parameters. The optimizers are ModelDsl's one-pass subclasses of TorchSharp's
/// (<see cref="ModelDsl.Runtime.Kernels.RMSProp"/>, <see cref="ModelDsl.Runtime.Kernels.Adam"/>,
/// <see cref="ModelDsl.Runtime.Kernels.AdamW"/>, <see cref="ModelDsl.Runtime.Kernels.SGD"/>): same class names, options,
/// state and checkpoints as TorchSharp's, one C# pass per parameter instead of several libtorch operators, and no
/// undisposed native <c>Scalar</c>s per step.
/// </summary>
/// <remarks>
/// Keras and PyTorch place epsilon differently, and TorchSharp's optimizers follow PyTorch. Keras RMSprop
/// divides by <c>sqrt(v + eps)</c>, PyTorch by <c>sqrt(v) + eps</c>; Keras Adam adds eps to
/// <c>sqrt(v)</c> before bias correction ("epsilon hat"), PyTorch after. The name therefore maps rho to
/// <c>alpha</c> and keeps eps = 1e-7; the updates equal Keras's wherever <c>sqrt(v)</c> is large beside
/// <c>sqrt(eps)</c> (about 3e-4) and differ only for parameters whose gradients are tiny.
/// </remarks>
public static class Optimizers
{
    /// <summary>Keras's default epsilon of its adaptive optimizers.</summary>
    public const double KerasEpsilon = 1e-7;

    /// <summary>
    /// <c>rmsprop</c> (lr 0.001, rho 0.9 → TorchSharp <c>alpha</c>, eps 1e-7), <c>adam</c> (lr 0.001, betas 0.9/0.999,
    /// eps 1e-7), <c>adamw</c> (as adam, decoupled weight decay 0.004), <c>sgd</c> (lr 0.01, no momentum).
    /// </summary>
    /// <returns>
    /// A <see cref="ModelDsl.Runtime.Kernels.RMSProp"/>, <see cref="ModelDsl.Runtime.Kernels.Adam"/>,
    /// <see cref="ModelDsl.Runtime.Kernels.AdamW"/> or <see cref="ModelDsl.Runtime.Kernels.SGD"/>: each is the TorchSharp
    /// optimizer of that name (its subclass), whose step falls back to TorchSharp's for what its one pass does not
    /// cover (e.g. float64 parameters).
    /// </returns>
    /// <param name="name">The Keras name, case-insensitive.</param>
    /// <param name="parameters">The parameters to optimize, e.g. <c>model.parameters()</c>.</param>
    /// <param name="learningRate">Overrides Keras's default learning rate of that optimizer.</param>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static OptimizerHelper FromName(string name, IEnumerable<Parameter> parameters, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parameters);
        var p = parameters.ToList();
        return name.ToLowerInvariant() switch
        {
            "rmsprop" => new ModelDsl.Runtime.Kernels.RMSProp(p, lr: learningRate ?? 0.001, alpha: 0.9, eps: KerasEpsilon),
            "adam" => new ModelDsl.Runtime.Kernels.Adam(p, lr: learningRate ?? 0.001, beta1: 0.9, beta2: 0.999, eps: KerasEpsilon),
            "adamw" => new ModelDsl.Runtime.Kernels.AdamW(p, lr: learningRate ?? 0.001, beta1: 0.9, beta2: 0.999, eps: KerasEpsilon, weight_decay: 0.004),
            "sgd" => new ModelDsl.Runtime.Kernels.SGD(p, learningRate ?? 0.01),
            _ => throw new ArgumentException($"Unknown optimizer '{name}'. Known: rmsprop, adam, adamw, sgd.", nameof(name)),
        };
    }
}
