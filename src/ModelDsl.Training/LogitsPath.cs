using ModelDsl.Torch;
using ModelDsl.Torch.Nn;

namespace ModelDsl.Training;

/// <summary>Finds how to get a softmax-ended classifier's logits, if the model offers a way.</summary>
internal static class LogitsPath
{
    /// <summary>
    /// The forward pass without the final softmax: <see cref="ILogitsModule.ForwardLogits"/>, or for a
    /// <see cref="Sequential"/> ending in a class-axis <see cref="Softmax"/> every layer but that one; else null.
    /// </summary>
    public static Func<Tensor, Tensor>? For(Module model)
    {
        if (model is ILogitsModule logits) return logits.ForwardLogits;
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
