namespace ModelDsl.Torch.Nn;

/// <summary>A (height, width) pair for kernel sizes, strides and dilations; an <see cref="int"/> means both.</summary>
/// <param name="H">Along the height axis.</param>
/// <param name="W">Along the width axis.</param>
public readonly record struct Size2d(long H, long W)
{
    /// <summary>The same value along both axes.</summary>
    public static implicit operator Size2d(int both) => new(both, both);

    /// <summary>A (height, width) tuple.</summary>
    public static implicit operator Size2d((int H, int W) pair) => new(pair.H, pair.W);

    /// <inheritdoc />
    public override string ToString() => H == W ? $"{H}" : $"({H}, {W})";

    internal void Require(string what, long minimum)
    {
        if (H < minimum || W < minimum)
        {
            throw new ArgumentOutOfRangeException(what, $"{what} must be at least {minimum} along both axes, got {this}.");
        }
    }
}
