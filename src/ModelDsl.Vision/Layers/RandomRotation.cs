namespace ModelDsl.Vision.Layers;

/// <summary>
/// Keras's <c>RandomRotation</c>: rotates each image by an angle drawn from [lower, upper] x 360 degrees
/// (positive is counter-clockwise), in training only.
/// </summary>
public sealed class RandomRotation : RandomImageLayer
{
    /// <summary>Rotations within ±<paramref name="factor"/> of a full turn (0.1 is ±36 degrees).</summary>
    public RandomRotation(double factor, FillMode fillMode = FillMode.Reflect, Interpolation interpolation = Interpolation.Bilinear,
        int? seed = null, float fillValue = 0)
        : this(-Math.Abs(factor), Math.Abs(factor), fillMode, interpolation, seed, fillValue)
    {
    }

    /// <summary>Rotations within [<paramref name="lower"/>, <paramref name="upper"/>] of a full turn.</summary>
    public RandomRotation(double lower, double upper, FillMode fillMode = FillMode.Reflect,
        Interpolation interpolation = Interpolation.Bilinear, int? seed = null, float fillValue = 0)
        : base(nameof(RandomRotation), seed, fillMode, interpolation, fillValue)
    {
        CheckRange(lower, upper, "factor");
        Lower = lower;
        Upper = upper;
    }

    /// <summary>Smallest rotation, as a fraction of a full turn.</summary>
    public double Lower { get; }

    /// <summary>Largest rotation, as a fraction of a full turn.</summary>
    public double Upper { get; }

    private protected override SampleTransform Draw(Random random, int height, int width) =>
        new(RotationDegrees: Uniform(random, Lower, Upper) * 360);
}
