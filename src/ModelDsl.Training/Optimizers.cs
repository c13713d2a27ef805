using ModelDsl.Torch;
using ModelDsl.Torch.Optim;

namespace ModelDsl.Training;

/// <summary>Creates optimizers from Keras names, with Keras's default hyper-parameters.</summary>
public static class Optimizers
{
    /// <summary>
    /// <c>rmsprop</c> (lr 0.001, rho 0.9, eps 1e-7), <c>adam</c> (lr 0.001, betas 0.9/0.999, eps 1e-7),
    /// <c>adamw</c> (as adam, weight decay 0.004), <c>sgd</c> (lr 0.01, no momentum).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Optimizer FromName(string name, IEnumerable<Tensor> parameters, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var p = parameters.ToList();
        return name.ToLowerInvariant() switch
        {
            "rmsprop" => RmsProp.Keras(p, learningRate ?? 0.001),
            "adam" => new Adam(p, learningRate ?? 0.001, eps: 1e-7),
            "adamw" => new AdamW(p, learningRate ?? 0.001, eps: 1e-7, weightDecay: 0.004),
            "sgd" => new Sgd(p, learningRate ?? 0.01),
            _ => throw new ArgumentException($"Unknown optimizer '{name}'. Known: rmsprop, adam, adamw, sgd.", nameof(name)),
        };
    }
}
