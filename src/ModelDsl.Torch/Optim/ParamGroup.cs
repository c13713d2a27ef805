namespace ModelDsl.Torch.Optim;

/// <summary>Parameters sharing a learning rate (e.g. a pretrained backbone at a lower rate than a new head).</summary>
public sealed class ParamGroup
{
    /// <summary>Creates a group; a null <paramref name="learningRate"/> takes the optimizer's.</summary>
    public ParamGroup(IEnumerable<Tensor> parameters, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        if (learningRate is { } lr) Optimizer.CheckLearningRate(lr);
        LearningRate = learningRate ?? double.NaN;
    }

    /// <summary>The parameters, in order.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The group's learning rate (schedulers set it).</summary>
    public double LearningRate { get; set; }
}
