namespace ModelDsl.Torch.Nn;

public static partial class Functional
{
    /// <summary>Element-wise sum of same-shaped branches (Keras's Add, a residual connection).</summary>
    public static Tensor Add(params Tensor[] inputs)
    {
        if (inputs.Length == 0) throw new ArgumentException("Add needs at least one input.", nameof(inputs));
        for (var i = 1; i < inputs.Length; i++)
        {
            if (!inputs[i].Shape.AsSpan().SequenceEqual(inputs[0].Shape))
            {
                throw new TorchException("add", $"branch {i} has shape [{string.Join(", ", inputs[i].Shape)}] but branch 0 has [{string.Join(", ", inputs[0].Shape)}]");
            }
        }
        var sum = inputs[0];
        // Intermediate sums are owned by the current scope like any other op result.
        for (var i = 1; i < inputs.Length; i++) sum = sum + inputs[i];
        return inputs.Length == 1 ? sum.Alias() : sum;
    }

    /// <summary>Joins branches along <paramref name="dim"/> (default the channel axis of NCHW, as Keras's Concatenate on channels).</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> inputs, long dim = 1) => Tensor.Cat(inputs, dim);
}
