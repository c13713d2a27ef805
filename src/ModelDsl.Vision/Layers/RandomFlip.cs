namespace ModelDsl.Vision.Layers;

/// <summary>Keras's <c>RandomFlip</c>: mirrors each image with probability 1/2 per allowed axis, in training only.</summary>
public sealed class RandomFlip : RandomImageLayer
{
    /// <summary>Creates the layer from Keras's mode name: "horizontal", "vertical" or "horizontal_and_vertical".</summary>
    public RandomFlip(string mode = "horizontal_and_vertical", int? seed = null)
        : this(ParseMode(mode), seed)
    {
    }

    /// <summary>Creates the layer flipping along the chosen axes.</summary>
    public RandomFlip(bool horizontal, bool vertical, int? seed = null)
        : this((horizontal, vertical), seed)
    {
    }

    private RandomFlip((bool Horizontal, bool Vertical) axes, int? seed)
        : base(nameof(RandomFlip), seed, FillMode.Nearest, Interpolation.Nearest, 0)
    {
        if (!axes.Horizontal && !axes.Vertical) throw new ArgumentException("RandomFlip needs at least one axis.", nameof(axes));
        Horizontal = axes.Horizontal;
        Vertical = axes.Vertical;
    }

    /// <summary>Whether left-right flips happen.</summary>
    public bool Horizontal { get; }

    /// <summary>Whether top-bottom flips happen.</summary>
    public bool Vertical { get; }

    private protected override SampleTransform Draw(Random random, int height, int width) =>
        new(FlipHorizontal: Horizontal && random.Next(2) == 1, FlipVertical: Vertical && random.Next(2) == 1);

    private static (bool, bool) ParseMode(string mode) => mode switch
    {
        "horizontal" => (true, false),
        "vertical" => (false, true),
        "horizontal_and_vertical" => (true, true),
        _ => throw new ArgumentException(
            $"RandomFlip mode must be \"horizontal\", \"vertical\" or \"horizontal_and_vertical\", got \"{mode}\".", nameof(mode)),
    };
}
