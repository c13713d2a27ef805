using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Nn;

public static partial class Functional
{
    /// <summary>Keras's default clip of probabilities (<c>backend.epsilon()</c>).</summary>
    public const double KerasEpsilon = 1e-7;

    /// <summary>
    /// Cross-entropy of raw <paramref name="logits"/> [N, C, ...] against int64 class indices [N, ...] or
    /// class probabilities shaped like the logits (log-softmax + NLL in one stable op).
    /// </summary>
    /// <param name="logits">Unnormalised scores.</param>
    /// <param name="targets">Class indices (int64) or probabilities (float).</param>
    /// <param name="reduction">How per-sample losses combine.</param>
    /// <param name="labelSmoothing">Mass spread uniformly over the classes, in [0, 1].</param>
    /// <param name="ignoreIndex">A class index whose samples do not count.</param>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets, Reduction reduction = Reduction.Mean,
        double labelSmoothing = 0, long ignoreIndex = -100)
    {
        if (labelSmoothing is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(labelSmoothing), $"Label smoothing must be in [0, 1], got {labelSmoothing}.");
        var result = new Tensor(NativeMethods.mdsl_nn_cross_entropy(logits.Ptr, targets.Ptr, (long)reduction, labelSmoothing, ignoreIndex), "cross_entropy");
        GC.KeepAlive(logits);
        GC.KeepAlive(targets);
        return result;
    }

    /// <summary>Negative log-likelihood of <paramref name="logProbs"/> (a log-softmax output) at int64 class indices.</summary>
    public static Tensor NllLoss(Tensor logProbs, Tensor targets, Reduction reduction = Reduction.Mean, long ignoreIndex = -100)
    {
        var result = new Tensor(NativeMethods.mdsl_nn_nll_loss(logProbs.Ptr, targets.Ptr, (long)reduction, ignoreIndex), "nll_loss");
        GC.KeepAlive(logProbs);
        GC.KeepAlive(targets);
        return result;
    }

    /// <summary>
    /// Cross-entropy of a softmax output, as Keras's <c>categorical_crossentropy(from_logits=False)</c> (or its
    /// sparse form for int64 targets): probabilities rescaled to sum to one, clipped to [eps, 1 − eps], then logged,
    /// so a saturated softmax still gives a finite loss.
    /// </summary>
    public static Tensor CrossEntropyOnProbabilities(Tensor probabilities, Tensor targets, Reduction reduction = Reduction.Mean,
        double eps = KerasEpsilon)
    {
        var result = new Tensor(NativeMethods.mdsl_nn_cross_entropy_probs(probabilities.Ptr, targets.Ptr, (long)reduction, eps), "cross_entropy_on_probabilities");
        GC.KeepAlive(probabilities);
        GC.KeepAlive(targets);
        return result;
    }

    /// <summary>Binary cross-entropy of probabilities clipped to [eps, 1 − eps], as Keras's <c>binary_crossentropy</c>.</summary>
    public static Tensor BinaryCrossEntropy(Tensor probabilities, Tensor targets, Reduction reduction = Reduction.Mean,
        double eps = KerasEpsilon)
    {
        var result = new Tensor(NativeMethods.mdsl_nn_binary_cross_entropy(probabilities.Ptr, targets.Ptr, (long)reduction, eps), "binary_cross_entropy");
        GC.KeepAlive(probabilities);
        GC.KeepAlive(targets);
        return result;
    }

    /// <summary>Binary cross-entropy of raw logits (sigmoid folded in, numerically stable).</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor targets, Reduction reduction = Reduction.Mean)
    {
        var result = new Tensor(NativeMethods.mdsl_nn_binary_cross_entropy_with_logits(logits.Ptr, targets.Ptr, (long)reduction), "binary_cross_entropy_with_logits");
        GC.KeepAlive(logits);
        GC.KeepAlive(targets);
        return result;
    }

    /// <summary>Mean squared error.</summary>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        var result = new Tensor(NativeMethods.mdsl_nn_mse_loss(input.Ptr, target.Ptr, (long)reduction), "mse_loss");
        GC.KeepAlive(input);
        GC.KeepAlive(target);
        return result;
    }
}
