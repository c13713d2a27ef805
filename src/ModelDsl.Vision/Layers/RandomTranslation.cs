namespace ModelDsl.Vision.Layers;

/// <summary>
/// Keras's <c>RandomTranslation</c>: shifts each image by fractions of its height and width drawn from
/// [-factor, factor] (or explicit ranges), in training only.
/// </summary>
public sealed class RandomTranslation : RandomImageLayer
{
    /// <summary>Shifts within ±<paramref name="heightFactor"/> of the height and ±<paramref name="widthFactor"/> of the width.</summary>
    public RandomTranslation(double heightFactor, double widthFactor, FillMode fillMode = FillMode.Reflect,
        Interpolation interpolation = Interpolation.Bilinear, int? seed = null, float fillValue = 0)
        : this(new ValueRange(-Math.Abs(heightFactor), Math.Abs(heightFactor)), new ValueRange(-Math.Abs(widthFactor), Math.Abs(widthFactor)),
            fillMode, interpolation, seed, fillValue)
    {
    }

    /// <summary>Explicit ranges of shifts, as fractions of the height and width.</summary>
    public RandomTranslation(ValueRange height, ValueRange width, FillMode fillMode = FillMode.Reflect,
        Interpolation interpolation = Interpolation.Bilinear, int? seed = null, float fillValue = 0)
        : base(nameof(RandomTranslation), seed, fillMode, interpolation, fillValue)
    {
        CheckRange(height.Min, height.Max, nameof(height));
        CheckRange(width.Min, width.Max, nameof(width));
        Height = height;
        Width = width;
    }

    /// <summary>Range of the vertical shift, as a fraction of the height.</summary>
    public ValueRange Height { get; }

    /// <summary>Range of the horizontal shift, as a fraction of the width.</summary>
    public ValueRange Width { get; }

    private protected override SampleTransform Draw(Random random, int height, int width)
    {
        // The sampling window moves opposite to the content: content shifted by +d samples at -d.
        var dy = Uniform(random, Height.Min, Height.Max) * height;
        var dx = Uniform(random, Width.Min, Width.Max) * width;
        return new SampleTransform(ShiftX: -dx, ShiftY: -dy);
    }
}
