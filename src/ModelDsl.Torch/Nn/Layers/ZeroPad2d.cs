namespace ModelDsl.Torch.Nn;

/// <summary>Zero rows and columns around the feature maps (torch.nn.ZeroPad2d, Keras ZeroPadding2D).</summary>
public sealed class ZeroPad2d : Module
{
    /// <summary>Pads each side by its own amount.</summary>
    public ZeroPad2d(long left, long right, long top, long bottom)
    {
        if (left < 0 || right < 0 || top < 0 || bottom < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(left), $"ZeroPad2d sides must not be negative, got left {left}, right {right}, top {top}, bottom {bottom}.");
        }
        (Left, Right, Top, Bottom) = (left, right, top, bottom);
    }

    /// <summary>Pads all four sides by <paramref name="all"/>.</summary>
    public ZeroPad2d(long all)
        : this(all, all, all, all)
    {
    }

    /// <summary>Columns on the left.</summary>
    public long Left { get; }

    /// <summary>Columns on the right.</summary>
    public long Right { get; }

    /// <summary>Rows on top.</summary>
    public long Top { get; }

    /// <summary>Rows at the bottom.</summary>
    public long Bottom { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.ZeroPad2d(input, Left, Right, Top, Bottom);
}
