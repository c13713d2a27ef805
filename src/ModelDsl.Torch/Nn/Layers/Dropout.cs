namespace ModelDsl.Torch.Nn;

/// <summary>Dropout (torch.nn.Dropout): active only in training mode.</summary>
public sealed class Dropout : Module
{
    /// <summary>Creates the layer dropping each element with probability <paramref name="p"/>.</summary>
    public Dropout(double p = 0.5)
    {
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), $"Dropout probability must be in [0, 1], got {p}.");
        P = p;
    }

    /// <summary>Probability of zeroing an element.</summary>
    public double P { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining);
}
