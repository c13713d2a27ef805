using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace ModelDsl.Vision;

/// <summary>
/// Applies per-image transforms to a batch with TorchSharp ops, in Keras's <c>apply_transform</c> order:
/// affine resampling (<c>affine_grid</c> + <c>grid_sample</c>), then flips, then brightness.
/// </summary>
internal static class BatchTransform
{
    /// <summary>True when any transform moves pixels (so the affine resampling is needed at all).</summary>
    internal static bool NeedsAffine(IEnumerable<SampleTransform> samples) => samples.Any(t =>
        t.RotationDegrees != 0 || t.ShiftX != 0 || t.ShiftY != 0 || t.ShearDegrees != 0 || t.ZoomX != 1 || t.ZoomY != 1);

    /// <summary>Applies <paramref name="samples"/> (one per image, or none for a copy) to a float [N, C, H, W] batch; returns a new tensor.</summary>
    internal static Tensor Apply(Tensor images, SampleTransform[] samples, bool withAffine, FillSettings fill)
    {
        if (images.dim() != 4 || images.dtype != ScalarType.Float32)
        {
            throw new ArgumentException($"Augmentation needs a float32 batch [N, C, H, W], got {images.dtype} [{string.Join(", ", images.shape)}].", nameof(images));
        }
        var (n, h, w) = ((int)images.shape[0], (int)images.shape[2], (int)images.shape[3]);
        if (samples.Length != 0 && samples.Length != n)
        {
            throw new ArgumentException($"{samples.Length} transforms for a batch of {n} images.", nameof(samples));
        }
        using var scope = torch.NewDisposeScope();
        var y = images;
        if (samples.Length > 0)
        {
            if (withAffine) y = Resample(images, samples, fill, h, w);
            // Flips ride in the affine matrix when there is one; alone they are exact index reversals.
            if (!withAffine) y = Flip(y, samples.Select(s => s.FlipHorizontal).ToArray(), 3);
            if (!withAffine) y = Flip(y, samples.Select(s => s.FlipVertical).ToArray(), 2);
            if (samples.Any(s => s.Brightness != 1))
            {
                var factors = samples.Select(s => (float)s.Brightness).ToArray();
                y = y * torch.tensor(factors, [n, 1, 1, 1], device: images.device);
            }
        }
        // The caller owns a new tensor either way.
        var result = ReferenceEquals(y, images) ? images.clone() : y.contiguous();
        return result.MoveToOuterDisposeScope();
    }

    private static Tensor Resample(Tensor images, SampleTransform[] samples, FillSettings fill, int h, int w)
    {
        var theta = new float[samples.Length * 6];
        for (var i = 0; i < samples.Length; i++) samples[i].WriteTheta(theta.AsSpan(i * 6, 6), h, w);
        var grid = affine_grid(torch.tensor(theta, [samples.Length, 2, 3], device: images.device),
            [images.shape[0], images.shape[1], h, w], align_corners: false);
        var mode = fill.Interpolation == Interpolation.Nearest ? GridSampleMode.Nearest : GridSampleMode.Bilinear;
        return fill.Mode switch
        {
            // Keras's "nearest" fill repeats the edge pixel: grid_sample's border padding.
            FillMode.Nearest => grid_sample(images, grid, mode, GridSamplePaddingMode.Border, align_corners: false),
            FillMode.Reflect => grid_sample(images, grid, mode, GridSamplePaddingMode.Reflection, align_corners: false),
            // Zero padding around (x - cval), shifted back: outside pixels become exactly cval.
            FillMode.Constant when fill.Value == 0 => grid_sample(images, grid, mode, GridSamplePaddingMode.Zeros, align_corners: false),
            FillMode.Constant => grid_sample(images - fill.Value, grid, mode, GridSamplePaddingMode.Zeros, align_corners: false) + fill.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(fill), fill.Mode, "Unknown fill mode."),
        };
    }

    private static Tensor Flip(Tensor y, bool[] chosen, long dim)
    {
        if (!chosen.Any(c => c)) return y;
        var mask = torch.tensor(chosen, [chosen.Length, 1, 1, 1], device: y.device);
        return torch.where(mask, y.flip(dim), y);
    }
}

/// <summary>How resampled pixels are read and what fills those from outside the image.</summary>
internal readonly record struct FillSettings(FillMode Mode, float Value, Interpolation Interpolation)
{
    internal static void Validate(FillMode mode, Interpolation interpolation)
    {
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown fill mode.");
        if (!Enum.IsDefined(interpolation)) throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "Unknown interpolation.");
    }
}
