using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Vision;

/// <summary>
/// One per-channel affine map of a batch, y = (x[:, order] * Scale - Mean[c]) / Std[c]: the rescale factor
/// and the ImageNet preprocessing modes as one broadcast expression.
/// </summary>
/// <param name="Scale">Multiplies pixels first.</param>
/// <param name="Mean">Subtracted per channel after scaling, or null.</param>
/// <param name="Std">Divides per channel after the mean, or null.</param>
/// <param name="Bgr">Reverses RGB to BGR first.</param>
public sealed record ChannelNormalization(float Scale, float[]? Mean = null, float[]? Std = null, bool Bgr = false)
{
    /// <summary>The map for a preprocessing mode and rescale factor; null when it would change nothing.</summary>
    /// <exception cref="ArgumentException">A mode and a rescale factor are both given, or a mode needs RGB.</exception>
    public static ChannelNormalization? For(PreprocessingMode mode, float rescale, ColorMode color)
    {
        if (mode != PreprocessingMode.None && rescale != 1f)
        {
            throw new ArgumentException(
                $"Preprocessing '{mode}' already scales the pixels; leave Rescale at 1 (it is {rescale}).", nameof(rescale));
        }
        if (mode is PreprocessingMode.Caffe or PreprocessingMode.Torch && color != ColorMode.Rgb)
        {
            throw new ArgumentException($"Preprocessing '{mode}' normalises RGB channels; it needs ColorMode.Rgb.", nameof(mode));
        }
        return mode switch
        {
            PreprocessingMode.None => rescale == 1f ? null : new ChannelNormalization(rescale),
            // Means in BGR order, as Keras's caffe mode subtracts them after the channel swap.
            PreprocessingMode.Caffe => new ChannelNormalization(1f, [103.939f, 116.779f, 123.68f], Bgr: true),
            PreprocessingMode.Torch => new ChannelNormalization(1f / 255f, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]),
            PreprocessingMode.Tf => new ChannelNormalization(1f / 127.5f, [1f], null),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown preprocessing mode."),
        };
    }

    /// <summary>Applies the map to a [N, C, H, W] float32 batch, returning a new tensor.</summary>
    public Tensor Apply(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
        {
            throw new ArgumentException($"Normalisation needs a batch [N, C, H, W], got shape [{string.Join(", ", images.shape)}].", nameof(images));
        }
        var channels = (int)images.shape[1];
        if (Bgr && channels != 3) throw new ArgumentException($"BGR reordering needs 3 channels, the images have {channels}.", nameof(images));
        var mean = Broadcast(Mean, channels, nameof(Mean));
        var std = Broadcast(Std, channels, nameof(Std));
        using var scope = torch.NewDisposeScope();
        var y = (Bgr ? images.flip(1) : images) * Scale;
        if (mean is not null) y = y - torch.tensor(mean, [1, channels, 1, 1], device: images.device);
        if (std is not null) y = y / torch.tensor(std, [1, channels, 1, 1], device: images.device);
        return y.contiguous().MoveToOuterDisposeScope();
    }

    // A single value applies to every channel (the tf mode's offset); otherwise one per channel.
    private static float[]? Broadcast(float[]? values, int channels, string what)
    {
        if (values is null || values.Length == channels) return values;
        if (values.Length == 1) return Enumerable.Repeat(values[0], channels).ToArray();
        throw new ArgumentException($"{what} has {values.Length} values but the images have {channels} channels.", what);
    }
}
