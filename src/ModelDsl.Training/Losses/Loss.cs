using ModelDsl.Torch;

namespace ModelDsl.Training.Losses;

/// <summary>A training objective: a scalar tensor from model outputs and targets (Keras's loss names).</summary>
public abstract class Loss
{
    /// <summary>The Keras name, e.g. <c>categorical_crossentropy</c>.</summary>
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
    public virtual Tensor ComputeOnLogits(Tensor logits, Tensor targets) =>
        throw new NotSupportedException($"{Name} does not work on logits.");

    /// <summary>
    /// Resolves a Keras loss name: <c>categorical_crossentropy</c>, <c>sparse_categorical_crossentropy</c>,
    /// <c>binary_crossentropy</c>, <c>mse</c> / <c>mean_squared_error</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Loss FromName(string name, bool fromLogits = false) => name switch
    {
        "categorical_crossentropy" => new CategoricalCrossEntropy(fromLogits),
        "sparse_categorical_crossentropy" => new SparseCategoricalCrossEntropy(fromLogits),
        "binary_crossentropy" => new BinaryCrossEntropy(fromLogits),
        "mse" or "mean_squared_error" => new MeanSquaredError(),
        _ => throw new ArgumentException(
            $"Unknown loss '{name}'. Known: categorical_crossentropy, sparse_categorical_crossentropy, binary_crossentropy, mse.", nameof(name)),
    };
}
