namespace ModelDsl.Torch.Nn;

/// <summary>Returns its input unchanged (a placeholder, e.g. for a removed head).</summary>
public sealed class Identity : Module
{
    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => input;
}
