using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Vision.Layers;

/// <summary>
/// Base of the random preprocessing layers (Keras's <c>RandomFlip</c>, <c>RandomRotation</c>, ...): in training
/// mode each image of a [N, C, H, W] batch gets its own random transform, drawn from this layer's seeded
/// generator and applied in one batched resampling; in evaluation mode the input passes through unchanged.
/// </summary>
/// <remarks>
/// A TorchSharp module (so it sits in a <c>Sequential</c> and follows <c>train()</c>/<c>eval()</c>), with no
/// parameters: the random draws come from the layer's own seeded generator, not torch's, so a run is reproducible.
/// </remarks>
public abstract class RandomImageLayer : nn.Module<Tensor, Tensor>
{
    private readonly Lock gate = new();
    private readonly FillSettings fill;
    private Random random;

    /// <summary>Sets up the generator and how pixels from outside the image are filled.</summary>
    /// <param name="name">The module name TorchSharp shows.</param>
    /// <param name="seed">Seed of this layer's generator; null draws one (not reproducible).</param>
    /// <param name="fillMode">What fills pixels brought in from outside the image.</param>
    /// <param name="interpolation">How transformed pixels are sampled.</param>
    /// <param name="fillValue">The value <see cref="Vision.FillMode.Constant"/> fills with.</param>
    protected RandomImageLayer(string name, int? seed, FillMode fillMode, Interpolation interpolation, float fillValue)
        : base(name)
    {
        FillSettings.Validate(fillMode, interpolation);
        Seed = seed ?? Random.Shared.Next();
        random = new Random(Seed);
        fill = new FillSettings(fillMode, fillValue, interpolation);
    }

    /// <summary>The seed the generator started from.</summary>
    public int Seed { get; }

    /// <summary>What fills pixels brought in from outside the image.</summary>
    public FillMode FillMode => fill.Mode;

    /// <summary>How transformed pixels are sampled.</summary>
    public Interpolation Interpolation => fill.Interpolation;

    /// <summary>Restarts the generator from <see cref="Seed"/>.</summary>
    public void ResetGenerator()
    {
        lock (gate) random = new Random(Seed);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.shape;
        if (shape.Length != 4)
        {
            throw new ArgumentException(
                $"Layer {GetType().Name} expects images [N, C, H, W], got a tensor of shape [{string.Join(", ", shape)}].", nameof(input));
        }
        if (!training) return input.alias();
        var samples = new SampleTransform[shape[0]];
        lock (gate)
        {
            for (var i = 0; i < samples.Length; i++) samples[i] = Draw(random, (int)shape[2], (int)shape[3]);
        }
        return BatchTransform.Apply(input, samples, BatchTransform.NeedsAffine(samples), fill);
    }

    /// <summary>Draws the transform of one image of size <paramref name="height"/> x <paramref name="width"/>.</summary>
    private protected abstract SampleTransform Draw(Random random, int height, int width);

    /// <summary>A uniform draw from [<paramref name="lower"/>, <paramref name="upper"/>].</summary>
    private protected static double Uniform(Random random, double lower, double upper) => lower + (upper - lower) * random.NextDouble();

    /// <summary>Checks a Keras factor range: finite, lower &lt;= upper.</summary>
    private protected static void CheckRange(double lower, double upper, string name)
    {
        if (!double.IsFinite(lower) || !double.IsFinite(upper) || lower > upper)
        {
            throw new ArgumentOutOfRangeException(name, $"{name} must be a finite range with lower <= upper, got ({lower}, {upper}).");
        }
    }
}
