using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

/// <summary>Reshapes each sample to a fixed shape, keeping the batch axis (Keras's <c>Reshape</c>; TorchSharp has no per-sample reshape module).</summary>
internal sealed class SpecReshape(IReadOnlyList<int> target) : nn.Module<Tensor, Tensor>("Reshape")
{
    private readonly long[] perSample = target.Select(d => (long)d).ToArray();

    public override Tensor forward(Tensor input) => input.reshape([input.shape[0], .. perSample]);
}
