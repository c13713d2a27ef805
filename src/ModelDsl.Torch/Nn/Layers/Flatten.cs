namespace ModelDsl.Torch.Nn;

/// <summary>Merges axes <see cref="StartDim"/>..<see cref="EndDim"/> (torch.nn.Flatten; default all but the batch).</summary>
public sealed class Flatten(long startDim = 1, long endDim = -1) : Module
{
    /// <summary>First axis merged.</summary>
    public long StartDim { get; } = startDim;

    /// <summary>Last axis merged.</summary>
    public long EndDim { get; } = endDim;

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Flatten(input, StartDim, EndDim);
}
