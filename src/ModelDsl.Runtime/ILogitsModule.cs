using static TorchSharp.torch;

namespace ModelDsl.Runtime;

/// <summary>
/// A classifier whose <c>forward</c> ends in softmax and that can also return the scores before it. A trainer
/// then computes cross-entropy from the logits (log-softmax + NLL), which stays finite and keeps its gradient
/// however confident the model is — as Keras does for a softmax-ended model. Generated models and
/// spec-built models implement it.
/// </summary>
public interface ILogitsModule
{
    /// <summary>The model's output before its final softmax.</summary>
    /// <param name="input">The batch.</param>
    Tensor ForwardLogits(Tensor input);

    /// <summary>
    /// Whether the model really ends in softmax. A model built from a spec whose head may or may not end in
    /// softmax says no when it does not; a trainer then computes the loss on <c>forward</c>'s output as
    /// the user declared it instead of treating that output as logits.
    /// </summary>
    bool HasLogits => true;
}
