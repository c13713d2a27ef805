using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Vision;

/// <summary>
/// Random augmentation of image batches (the options of Keras's <c>ImageDataGenerator</c>): rotation, shifts,
/// shear, zoom, flips and brightness, applied to a whole [N, C, H, W] batch in one batched resampling
/// (TorchSharp's <c>affine_grid</c> + <c>grid_sample</c>).
/// </summary>
/// <remarks>
/// The per-image choices come from this augmenter's own <see cref="Random"/> seeded with <see cref="Seed"/>,
/// so a run is reproducible whatever else uses the torch generator. With <see cref="Training"/> false
/// (evaluation) <see cref="Apply(Tensor)"/> returns an unchanged copy. Safe to call from several threads; the random
/// sequence is then shared in call order. Pixels are expected in 0..255 (before normalisation), which is
/// what <see cref="FillValue"/> and <see cref="BrightnessRange"/> refer to.
/// </remarks>
public sealed class ImageAugmenter
{
    private readonly Lock gate = new();
    private Random random;

    /// <summary>Creates an augmenter whose random choices follow <paramref name="seed"/>.</summary>
    public ImageAugmenter(int seed = 0)
    {
        Seed = seed;
        random = new Random(seed);
    }

    /// <summary>The seed the random sequence starts from.</summary>
    public int Seed { get; }

    /// <summary>Rotation angle drawn from [-r, r] degrees.</summary>
    public double RotationRange { get; init; }

    /// <summary>Horizontal shift drawn from [-r, r]: a fraction of the width when below 1, else pixels (as Keras).</summary>
    public double WidthShiftRange { get; init; }

    /// <summary>Vertical shift drawn from [-r, r]: a fraction of the height when below 1, else pixels.</summary>
    public double HeightShiftRange { get; init; }

    /// <summary>Shear angle drawn from [-r, r] degrees.</summary>
    public double ShearRange { get; init; }

    /// <summary>Horizontal and vertical zoom factors, drawn independently (below 1 zooms in); null for none.</summary>
    public ValueRange? ZoomRange { get; init; }

    /// <summary>Mirror left-right with probability 1/2.</summary>
    public bool HorizontalFlip { get; init; }

    /// <summary>Mirror top-bottom with probability 1/2.</summary>
    public bool VerticalFlip { get; init; }

    /// <summary>A pixel multiplier drawn per image; null for none.</summary>
    public ValueRange? BrightnessRange { get; init; }

    /// <summary>What fills pixels brought in from outside the image.</summary>
    public FillMode FillMode { get; init; } = FillMode.Nearest;

    /// <summary>The value <see cref="FillMode.Constant"/> fills with (Keras's <c>cval</c>).</summary>
    public float FillValue { get; init; }

    /// <summary>How transformed pixels are sampled (bilinear, like Keras's default order 1).</summary>
    public Interpolation Interpolation { get; init; } = Interpolation.Bilinear;

    /// <summary>False in evaluation: <see cref="Apply(Tensor)"/> then changes nothing.</summary>
    public bool Training { get; set; } = true;

    /// <summary>Whether any geometric option (rotation, shift, shear, zoom) is set.</summary>
    public bool HasAffine => RotationRange != 0 || WidthShiftRange != 0 || HeightShiftRange != 0 || ShearRange != 0 ||
        (ZoomRange is { } z && (z.Min != 1 || z.Max != 1));

    /// <summary>Restarts the random sequence from <see cref="Seed"/>.</summary>
    public void Reset()
    {
        lock (gate) random = new Random(Seed);
    }

    /// <summary>Draws the random choices for <paramref name="count"/> images of the given size, advancing the sequence.</summary>
    public SampleTransform[] Sample(int count, int height, int width)
    {
        Validate();
        var samples = new SampleTransform[count];
        lock (gate)
        {
            for (var i = 0; i < count; i++) samples[i] = SampleOne(height, width);
        }
        return samples;
    }

    /// <summary>Augments a [N, C, H, W] float32 batch, returning a new tensor (a plain copy when not <see cref="Training"/>).</summary>
    public Tensor Apply(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var shape = images.shape;
        if (shape.Length != 4)
        {
            throw new ArgumentException($"Augmentation needs a batch [N, C, H, W], got a tensor of shape [{string.Join(", ", shape)}].", nameof(images));
        }
        if (!Training) return BatchTransform.Apply(images, [], withAffine: false, Fill);
        var samples = Sample((int)shape[0], (int)shape[2], (int)shape[3]);
        return BatchTransform.Apply(images, samples, HasAffine, Fill);
    }

    /// <summary>
    /// Applies the given transforms (one per image) with this augmenter's fill and interpolation settings,
    /// regardless of <see cref="Training"/>: for replaying choices from <see cref="Sample"/> or fixed transforms.
    /// </summary>
    public Tensor Apply(Tensor images, ReadOnlySpan<SampleTransform> transforms)
    {
        ArgumentNullException.ThrowIfNull(images);
        var array = transforms.ToArray();
        var shape = images.shape;
        if (shape.Length != 4 || shape[0] != array.Length)
        {
            throw new ArgumentException(
                $"Expected a batch [N, C, H, W] with N = {array.Length} transforms, got shape [{string.Join(", ", shape)}].", nameof(images));
        }
        return BatchTransform.Apply(images, array, BatchTransform.NeedsAffine(array), Fill);
    }

    private SampleTransform SampleOne(int height, int width)
    {
        // Draw only for enabled options, in a fixed order, so adding an option does not shift the others' draws
        // in configurations that leave it off.
        var angle = RotationRange != 0 ? Symmetric(RotationRange) : 0;
        var dx = WidthShiftRange != 0 ? Symmetric(WidthShiftRange) * (WidthShiftRange < 1 ? width : 1) : 0;
        var dy = HeightShiftRange != 0 ? Symmetric(HeightShiftRange) * (HeightShiftRange < 1 ? height : 1) : 0;
        var shear = ShearRange != 0 ? Symmetric(ShearRange) : 0;
        double zx = 1, zy = 1;
        if (ZoomRange is { } zoom)
        {
            zx = zoom.Sample(random);
            zy = zoom.Sample(random);
        }
        var flipH = HorizontalFlip && random.Next(2) == 1;
        var flipV = VerticalFlip && random.Next(2) == 1;
        var brightness = BrightnessRange is { } b ? b.Sample(random) : 1;
        return new SampleTransform(angle, dx, dy, shear, zx, zy, flipH, flipV, brightness);
    }

    private FillSettings Fill => new(FillMode, FillValue, Interpolation);

    private double Symmetric(double range) => (random.NextDouble() * 2 - 1) * range;

    private void Validate()
    {
        foreach (var (value, name) in new[]
        {
            (RotationRange, nameof(RotationRange)), (WidthShiftRange, nameof(WidthShiftRange)),
            (HeightShiftRange, nameof(HeightShiftRange)), (ShearRange, nameof(ShearRange)),
        })
        {
            if (!double.IsFinite(value) || value < 0)
            {
                throw new ArgumentOutOfRangeException(name, $"{name} must be a finite non-negative number, got {value}.");
            }
        }
        ZoomRange?.Validate(nameof(ZoomRange));
        FillSettings.Validate(FillMode, Interpolation);
        BrightnessRange?.Validate(nameof(BrightnessRange));
        if (ZoomRange is { Min: <= 0 }) throw new ArgumentOutOfRangeException(nameof(ZoomRange), "Zoom factors must be positive.");
    }
}
