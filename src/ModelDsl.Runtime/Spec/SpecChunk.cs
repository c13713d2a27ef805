using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

/// <summary>One of <c>chunks</c> equal channel slices (<c>torch.chunk(x, chunks, 1)[index]</c>, ShuffleNetV2's split), as a view.</summary>
internal sealed class SpecChunk(int chunks, int index) : nn.Module<Tensor, Tensor>("Chunk")
{
    public override Tensor forward(Tensor input)
    {
        var size = input.shape[1] / chunks;
        return input.narrow(1, index * size, size);
    }
}
