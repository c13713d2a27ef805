namespace ModelDsl.Torch.Spec;

/// <summary>Reshapes each sample to a fixed shape, keeping the batch axis (Keras's <c>Reshape</c>).</summary>
internal sealed class SpecReshape(IReadOnlyList<int> target) : Nn.Module
{
    private readonly long[] perSample = target.Select(d => (long)d).ToArray();

    public override Tensor Forward(Tensor input) => input.Reshape([input.Shape[0], .. perSample]);
}
