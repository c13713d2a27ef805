namespace ModelDsl.Torch.Nn;

/// <summary>
/// Batch normalisation over axis 1 with PyTorch's state: <c>weight</c>, <c>bias</c>, <c>running_mean</c>,
/// <c>running_var</c>, <c>num_batches_tracked</c>. Momentum is PyTorch's (Keras's 0.99 is 0.01 here).
/// Uses batch statistics only when training and <see cref="Module.Trainable"/> (Keras: a frozen BatchNorm runs in inference mode).
/// </summary>
public abstract class BatchNorm : Module
{
    private readonly int expectedDims;

    /// <summary>Creates the layer for <paramref name="numFeatures"/> channels and inputs of <paramref name="expectedDims"/> dimensions.</summary>
    private protected BatchNorm(long numFeatures, double eps, double momentum, bool affine, bool trackRunningStats, int expectedDims)
    {
        if (numFeatures < 1) throw new ArgumentOutOfRangeException(nameof(numFeatures), $"BatchNorm needs at least one feature, got {numFeatures}.");
        if (momentum is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(momentum), $"BatchNorm momentum (PyTorch convention) must be in [0, 1], got {momentum}.");
        this.expectedDims = expectedDims;
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        if (affine)
        {
            Weight = RegisterParameter("weight", ModuleState.Create([numFeatures], 1));
            Bias = RegisterParameter("bias", ModuleState.Create([numFeatures], 0));
        }
        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", ModuleState.Create([numFeatures], 0));
            RunningVar = RegisterBuffer("running_var", ModuleState.Create([numFeatures], 1));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", ModuleState.Create([], 0, DType.Int64));
        }
    }

    /// <summary>Channels.</summary>
    public long NumFeatures { get; }

    /// <summary>Added to the variance.</summary>
    public double Eps { get; }

    /// <summary>Weight of each new batch in the running statistics (PyTorch convention).</summary>
    public double Momentum { get; }

    /// <summary>Scale (gamma), or null when not affine.</summary>
    public Tensor? Weight { get; }

    /// <summary>Shift (beta), or null when not affine.</summary>
    public Tensor? Bias { get; }

    /// <summary>Running mean, or null when statistics are not tracked.</summary>
    public Tensor? RunningMean { get; }

    /// <summary>Running (unbiased) variance, or null.</summary>
    public Tensor? RunningVar { get; }

    /// <summary>Training batches seen (int64 scalar), or null.</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input)
    {
        if (input.Dim != expectedDims && !(expectedDims == 2 && input.Dim == 3))
        {
            throw new TorchException(GetType().Name, $"expects a {expectedDims}-D input but got shape [{string.Join(", ", input.Shape)}]");
        }
        // Without running statistics there is nothing else to normalise with.
        var useBatchStats = (IsTraining && Trainable) || RunningMean is null;
        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, useBatchStats, Momentum, Eps,
            useBatchStats ? NumBatchesTracked : null);
    }
}
