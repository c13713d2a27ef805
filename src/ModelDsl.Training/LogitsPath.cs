using ModelDsl.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Training;

/// <summary>Finds how to get a softmax-ended classifier's logits, if the model offers a way.</summary>
internal static class LogitsPath
{
    /// <summary>
    /// The forward pass without the final softmax: <see cref="ILogitsModule.ForwardLogits"/> (generated and
    /// spec-built models), or for a TorchSharp <see cref="Sequential"/> ending in a class-axis
    /// <see cref="Softmax"/> every layer but that one; else null.
    /// </summary>
    public static Func<Tensor, Tensor>? For(nn.Module<Tensor, Tensor> model)
    {
        if (model is ILogitsModule logits) return logits.HasLogits ? logits.ForwardLogits : null;
        if (model is Sequential { Count: > 1 } seq && seq[seq.Count - 1] is Softmax { dim: -1 or 1 })
        {
            var body = Enumerable.Range(0, seq.Count - 1).Select(i => seq[i]).ToArray();
            return x =>
            {
                foreach (var layer in body) x = layer.call(x);
                return x;
            };
        }
        return null;
    }
}
