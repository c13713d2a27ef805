using static TorchSharp.torch;

namespace ModelDsl.Training.Losses;

/// <summary>
/// A training objective: a scalar tensor from model outputs and targets. The Keras-named losses add what
/// TorchSharp's functions lack (target checks with hints, Keras's clipping of probabilities, the logits
/// path); any TorchSharp loss function or loss module can be used through <see cref="From"/>.
/// </summary>
public abstract class Loss
{
    /// <summary>The name logged and shown in errors, e.g. <c>categorical_crossentropy</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Whether the model outputs this loss expects are logits rather than probabilities.</summary>
    public bool FromLogits { get; protected init; }

    /// <summary>
    /// Whether the trainer may feed logits instead of softmax probabilities when the model can give them
    /// (categorical losses only): same value in exact arithmetic, stable in floating point.
    /// </summary>
    public virtual bool CanUseLogits => false;

    /// <summary>The mean loss over the batch.</summary>
    /// <param name="outputs">Model outputs (logits when <see cref="FromLogits"/>).</param>
    /// <param name="targets">Targets in the encoding this loss expects.</param>
    public abstract Tensor Compute(Tensor outputs, Tensor targets);

    /// <summary>The loss on logits, used when <see cref="CanUseLogits"/> and the model exposes them.</summary>
    /// <param name="logits">The model's scores before its final softmax.</param>
    /// <param name="targets">Targets in the encoding this loss expects.</param>
    public virtual Tensor ComputeOnLogits(Tensor logits, Tensor targets) =>
        throw new NotSupportedException($"{Name} does not work on logits.");

    /// <summary>
    /// A loss computed by a TorchSharp function or loss module, e.g.
    /// <c>Loss.From("huber", (o, t) =&gt; nn.functional.huber_loss(o, t))</c> or <c>Loss.From("ce", nn.CrossEntropyLoss().call)</c>.
    /// </summary>
    /// <param name="name">The name shown in errors.</param>
    /// <param name="compute">Maps (outputs, targets) to a scalar loss.</param>
    /// <param name="sameShapeTargets">Reject targets whose shape differs from the outputs' (instead of broadcasting silently).</param>
    public static Loss From(string name, Func<Tensor, Tensor, Tensor> compute, bool sameShapeTargets = false) =>
        new FunctionLoss(name, compute, sameShapeTargets);

    /// <summary>
    /// Resolves a Keras loss name: <c>categorical_crossentropy</c>, <c>sparse_categorical_crossentropy</c>,
    /// <c>binary_crossentropy</c>, <c>mse</c> / <c>mean_squared_error</c> (TorchSharp's <c>mse_loss</c>).
    /// </summary>
    /// <param name="name">The Keras name.</param>
    /// <param name="fromLogits">Whether the model outputs logits (Keras's <c>from_logits</c>).</param>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Loss FromName(string name, bool fromLogits = false) => name switch
    {
        "categorical_crossentropy" => new CategoricalCrossEntropy(fromLogits),
        "sparse_categorical_crossentropy" => new SparseCategoricalCrossEntropy(fromLogits),
        "binary_crossentropy" => new BinaryCrossEntropy(fromLogits),
        "mse" or "mean_squared_error" => From("mse", (o, t) => nn.functional.mse_loss(o, t), sameShapeTargets: true),
        _ => throw new ArgumentException(
            $"Unknown loss '{name}'. Known: categorical_crossentropy, sparse_categorical_crossentropy, binary_crossentropy, mse.", nameof(name)),
    };

    /// <summary>The shape of a tensor as text, e.g. <c>[32, 10]</c>.</summary>
    protected static string ShapeText(Tensor t) => "[" + string.Join(", ", t.shape) + "]";

    /// <summary>Whether two tensors have the same shape.</summary>
    protected static bool SameShape(Tensor a, Tensor b) => a.shape.AsSpan().SequenceEqual(b.shape);
}
