using ModelDsl.Torch;
using ModelDsl.Torch.Nn;
using ModelDsl.Torch.Spec;

namespace ModelDsl.Training;

/// <summary>Finds how to get a softmax-ended classifier's logits, if the model offers a way.</summary>
internal static class LogitsPath
{
    /// <summary>
    /// The forward pass without the final softmax: <see cref="ILogitsModule.ForwardLogits"/>, a softmax-ended
    /// <see cref="SpecModule"/>'s own <c>ForwardLogits</c>, or for a
    /// <see cref="Sequential"/> ending in a class-axis <see cref="Softmax"/> every layer but that one; else null.
    /// </summary>
    public static Func<Tensor, Tensor>? For(Module model)
    {
        if (model is ILogitsModule logits) return logits.HasLogits ? logits.ForwardLogits : null;
        // Runtime-built specs (ModelDsl.Torch cannot see this interface) say so themselves.
        if (model is SpecModule { OutputIsProbabilities: true } spec) return spec.ForwardLogits;
        if (model is Sequential { Layers.Count: > 1 } seq && seq.Layers[^1] is Softmax { Dim: -1 or 1 })
        {
            var body = seq.Layers.Take(seq.Layers.Count - 1).ToArray();
            return x =>
            {
                foreach (var layer in body) x = layer.Forward(x);
                return x;
            };
        }
        return null;
    }
}
