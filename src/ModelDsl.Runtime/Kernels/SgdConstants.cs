namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// The constants of one parameter's SGD step, rounded to float exactly where TorchSharp and libtorch round them, so
/// that <see cref="SgdUpdate"/> sees the values libtorch's kernels see.
/// </summary>
internal readonly struct SgdConstants
{
    /// <summary>The constants of one step.</summary>
    /// <param name="lr">Learning rate.</param>
    /// <param name="momentum">Momentum factor (0: none).</param>
    /// <param name="dampening">Dampening of the gradient's share of the momentum buffer.</param>
    /// <param name="weightDecay">L2 penalty, added to the gradient.</param>
    /// <param name="nesterov">Nesterov momentum.</param>
    /// <param name="maximize">Ascend instead of descend.</param>
    /// <param name="firstStep">The momentum buffer is new: it receives the gradient as it is.</param>
    public SgdConstants(double lr, double momentum, double dampening, double weightDecay, bool nesterov, bool maximize, bool firstStep)
    {
        // 1 - dampening is computed in double by TorchSharp and rounded to float by libtorch, like every scalar here.
        WeightDecay = (float)weightDecay;
        L2 = weightDecay != 0;
        Momentum = (float)momentum;
        OneMinusDampening = (float)(1 - dampening);
        Nesterov = nesterov;
        FirstStep = firstStep;
        SignedRate = (float)(maximize ? lr : -lr);
    }

    /// <summary>The weight decay as float.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether <see cref="WeightDecay"/> times the parameter is added to the gradient.</summary>
    public bool L2 { get; }

    /// <summary>The momentum factor as float.</summary>
    public float Momentum { get; }

    /// <summary>1 - dampening in double, then rounded.</summary>
    public float OneMinusDampening { get; }

    /// <summary>Whether the step follows the gradient plus momentum times the buffer (Nesterov) rather than the buffer.</summary>
    public bool Nesterov { get; }

    /// <summary>Whether the momentum buffer is being created by this step.</summary>
    public bool FirstStep { get; }

    /// <summary>The factor of the step: minus the learning rate, or plus it when maximising.</summary>
    public float SignedRate { get; }
}
