namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// The constants of one parameter's Adam or AdamW step, computed in double and rounded to float exactly where TorchSharp
/// and libtorch do, so that <see cref="AdamUpdate"/> sees the values libtorch's kernels see.
/// </summary>
internal readonly struct AdamConstants
{
    /// <summary>The constants of the <paramref name="step"/>-th update (1 for the first).</summary>
    /// <param name="lr">Learning rate.</param>
    /// <param name="beta1">Decay of the running mean of gradients.</param>
    /// <param name="beta2">Decay of the running mean of squared gradients.</param>
    /// <param name="eps">Added to the bias-corrected root.</param>
    /// <param name="weightDecay">Weight decay: an L2 term in the gradient (Adam) or a decay of the parameter (AdamW).</param>
    /// <param name="decoupled">AdamW's decoupled weight decay rather than Adam's L2 term.</param>
    /// <param name="maximize">Ascend instead of descend.</param>
    /// <param name="step">The parameter's step count after this update.</param>
    public AdamConstants(double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled, bool maximize, long step)
    {
        // TorchSharp computes the bias corrections, their root and the step size in double and passes them (and
        // 1 - beta) as scalars, which libtorch's float kernels round to float.
        var correction1 = 1 - Math.Pow(beta1, step);
        var correction2 = 1 - Math.Pow(beta2, step);
        Beta1 = (float)beta1;
        OneMinusBeta1 = (float)(1 - beta1);
        Beta2 = (float)beta2;
        OneMinusBeta2 = (float)(1 - beta2);
        RootOfCorrection2 = (float)Math.Sqrt(correction2);
        Eps = (float)eps;
        NegativeStepSize = (float)-(lr / correction1);
        Maximize = maximize;
        Decoupled = decoupled;
        L2 = !decoupled && weightDecay != 0;
        WeightDecay = (float)weightDecay;
        ParamScale = (float)(1 - lr * weightDecay);
    }

    /// <summary>beta1 as float.</summary>
    public float Beta1 { get; }

    /// <summary>1 - beta1 in double, then rounded.</summary>
    public float OneMinusBeta1 { get; }

    /// <summary>beta2 as float.</summary>
    public float Beta2 { get; }

    /// <summary>1 - beta2 in double, then rounded.</summary>
    public float OneMinusBeta2 { get; }

    /// <summary>The square root of the second bias correction, in double, then rounded.</summary>
    public float RootOfCorrection2 { get; }

    /// <summary>Epsilon as float.</summary>
    public float Eps { get; }

    /// <summary>Minus the learning rate over the first bias correction, in double, then rounded.</summary>
    public float NegativeStepSize { get; }

    /// <summary>Whether the gradient is negated first.</summary>
    public bool Maximize { get; }

    /// <summary>Whether the parameter is scaled by <see cref="ParamScale"/> first (AdamW).</summary>
    public bool Decoupled { get; }

    /// <summary>Whether <see cref="WeightDecay"/> times the parameter is added to the gradient (Adam with weight decay).</summary>
    public bool L2 { get; }

    /// <summary>The weight decay as float (Adam's L2 factor).</summary>
    public float WeightDecay { get; }

    /// <summary>1 - lr * weight decay in double, then rounded (AdamW's decay of the parameter).</summary>
    public float ParamScale { get; }
}
