using ModelDsl.Torch;

namespace ModelDsl.Training;

/// <summary>
/// A classifier whose <c>Forward</c> ends in softmax and that can also return the scores before it. The
/// trainer then computes cross-entropy from the logits (log-softmax + NLL), which stays finite and keeps
/// its gradient however confident the model is — as Keras does for a softmax-ended model.
/// </summary>
/// <remarks>A <see cref="ModelDsl.Torch.Nn.Sequential"/> whose last layer is <c>Softmax</c> is recognised without this interface.</remarks>
public interface ILogitsModule
{
    /// <summary>The model's output before its final softmax.</summary>
    Tensor ForwardLogits(Tensor input);

    /// <summary>
    /// Whether the model really ends in softmax. A model built from a spec whose head may or may not end in
    /// softmax says no when it does not; the trainer then computes the loss on <c>Forward</c>'s output as
    /// the user declared it instead of treating that output as logits.
    /// </summary>
    bool HasLogits => true;
}
