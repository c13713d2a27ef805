using ModelDsl.Torch;
using ModelDsl.Vision.Native;

namespace ModelDsl.Vision;

/// <summary>Packs per-image transforms into the arrays the native batch call takes, and makes the call.</summary>
internal static class BatchTransform
{
    /// <summary>True when any transform moves pixels (so the affine resampling is needed at all).</summary>
    internal static bool NeedsAffine(IEnumerable<SampleTransform> samples) => samples.Any(t =>
        t.RotationDegrees != 0 || t.ShiftX != 0 || t.ShiftY != 0 || t.ShearDegrees != 0 || t.ZoomX != 1 || t.ZoomY != 1);

    /// <summary>Applies <paramref name="samples"/> (one per image, or none for a copy) to <paramref name="images"/>.</summary>
    internal static unsafe Tensor Apply(Tensor images, SampleTransform[] samples, bool withAffine, FillSettings fill)
    {
        var shape = images.Shape;
        var (n, h, w) = ((int)shape[0], (int)shape[2], (int)shape[3]);
        if (samples.Length != 0 && samples.Length != n)
        {
            throw new ArgumentException($"{samples.Length} transforms for a batch of {n} images.", nameof(samples));
        }
        float[]? theta = null;
        byte[]? flipH = null, flipV = null;
        float[]? brightness = null;
        if (samples.Length > 0)
        {
            if (withAffine)
            {
                theta = new float[n * 6];
                for (var i = 0; i < n; i++) samples[i].WriteTheta(theta.AsSpan(i * 6, 6), h, w);
            }
            // Flips ride in the affine matrix when there is one; alone they are exact index reversals.
            if (!withAffine && samples.Any(s => s.FlipHorizontal)) flipH = samples.Select(s => (byte)(s.FlipHorizontal ? 1 : 0)).ToArray();
            if (!withAffine && samples.Any(s => s.FlipVertical)) flipV = samples.Select(s => (byte)(s.FlipVertical ? 1 : 0)).ToArray();
            if (samples.Any(s => s.Brightness != 1)) brightness = samples.Select(s => (float)s.Brightness).ToArray();
        }
        fixed (float* t = theta)
        fixed (byte* fh = flipH)
        fixed (byte* fv = flipV)
        fixed (float* b = brightness)
        {
            var result = new Tensor(VisionNative.mdsl_image_augment(images.Ptr, t, fh, fv, b, (int)fill.Mode,
                fill.Value, fill.Interpolation == Interpolation.Nearest ? 1 : 0), "image_augment");
            GC.KeepAlive(images);
            return result;
        }
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
