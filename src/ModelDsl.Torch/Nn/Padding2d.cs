namespace ModelDsl.Torch.Nn;

/// <summary>
/// Padding of a 2-D convolution or pooling: <see cref="Valid"/> (none), <see cref="Same"/> (Keras/TF
/// rule: output = ceil(input / stride), the odd pixel at the bottom/right) or explicit per side.
/// An <see cref="int"/> pads all four sides alike.
/// </summary>
public readonly record struct Padding2d
{
    private Padding2d(long left, long right, long top, long bottom, bool isSame)
    {
        if (left < 0 || right < 0 || top < 0 || bottom < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(left), $"Padding must not be negative, got left {left}, right {right}, top {top}, bottom {bottom}.");
        }
        Left = left;
        Right = right;
        Top = top;
        Bottom = bottom;
        IsSame = isSame;
    }

    /// <summary>Columns added on the left.</summary>
    public long Left { get; }

    /// <summary>Columns added on the right.</summary>
    public long Right { get; }

    /// <summary>Rows added on top.</summary>
    public long Top { get; }

    /// <summary>Rows added at the bottom.</summary>
    public long Bottom { get; }

    /// <summary>Whether the sides are computed from the input size ('same'), the explicit sides being zero.</summary>
    public bool IsSame { get; }

    /// <summary>Whether each axis is padded alike on both sides (what libtorch's ops accept directly).</summary>
    public bool IsSymmetric => Left == Right && Top == Bottom;

    /// <summary>No padding.</summary>
    public static Padding2d Valid => default;

    /// <summary>Keras/TensorFlow 'same' padding, stride-aware.</summary>
    public static Padding2d Same => new(0, 0, 0, 0, isSame: true);

    /// <summary><paramref name="height"/> rows above and below, <paramref name="width"/> columns left and right.</summary>
    public static Padding2d Symmetric(long height, long width) => new(width, width, height, height, isSame: false);

    /// <summary>Each side given on its own, as Keras's ZeroPadding2D((top, bottom), (left, right)).</summary>
    public static Padding2d Explicit(long left, long right, long top, long bottom) => new(left, right, top, bottom, isSame: false);

    /// <summary>The same padding on all four sides.</summary>
    public static implicit operator Padding2d(int all) => Symmetric(all, all);

    /// <summary>The sides TF's 'same' rule gives for one axis: (before, after).</summary>
    public static (long Before, long After) SameFor(long input, long kernel, long stride, long dilation)
    {
        var output = (input + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + (kernel - 1) * dilation + 1 - input, 0);
        return (total / 2, total - total / 2);
    }

    /// <inheritdoc />
    public override string ToString() => IsSame ? "same" : (Left | Right | Top | Bottom) == 0 ? "valid" : $"(left {Left}, right {Right}, top {Top}, bottom {Bottom})";
}
