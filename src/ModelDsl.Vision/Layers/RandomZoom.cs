namespace ModelDsl.Vision.Layers;

/// <summary>
/// Keras's <c>RandomZoom</c>: zooms each image by a factor drawn per axis from [lower, upper], where
/// positive values zoom out (0.2 shows 20% more) and negative zoom in; in training only.
/// Without a width factor the aspect ratio is kept (the height draw is used for both axes).
/// </summary>
public sealed class RandomZoom : RandomImageLayer
{
    /// <summary>Symmetric factors: ±<paramref name="heightFactor"/>, and ±<paramref name="widthFactor"/> if given.</summary>
    public RandomZoom(double heightFactor, double? widthFactor = null, FillMode fillMode = FillMode.Reflect,
        Interpolation interpolation = Interpolation.Bilinear, int? seed = null, float fillValue = 0)
        : this(new ValueRange(-Math.Abs(heightFactor), Math.Abs(heightFactor)),
            widthFactor is { } w ? new ValueRange(-Math.Abs(w), Math.Abs(w)) : null, fillMode, interpolation, seed, fillValue)
    {
    }

    /// <summary>Explicit ranges; <paramref name="width"/> null keeps the aspect ratio.</summary>
    public RandomZoom(ValueRange height, ValueRange? width, FillMode fillMode = FillMode.Reflect,
        Interpolation interpolation = Interpolation.Bilinear, int? seed = null, float fillValue = 0)
        : base(nameof(RandomZoom), seed, fillMode, interpolation, fillValue)
    {
        CheckRange(height.Min, height.Max, nameof(height));
        if (height.Min <= -1) throw new ArgumentOutOfRangeException(nameof(height), "Zoom factors must be greater than -1.");
        if (width is { } wr)
        {
            CheckRange(wr.Min, wr.Max, nameof(width));
            if (wr.Min <= -1) throw new ArgumentOutOfRangeException(nameof(width), "Zoom factors must be greater than -1.");
        }
        Height = height;
        Width = width;
    }

    /// <summary>Range of the vertical zoom factor.</summary>
    public ValueRange Height { get; }

    /// <summary>Range of the horizontal zoom factor, or null to reuse the vertical draw.</summary>
    public ValueRange? Width { get; }

    private protected override SampleTransform Draw(Random random, int height, int width)
    {
        var zy = 1 + Uniform(random, Height.Min, Height.Max);
        var zx = Width is { } w ? 1 + Uniform(random, w.Min, w.Max) : zy;
        return new SampleTransform(ZoomX: zx, ZoomY: zy);
    }
}
