namespace ModelDsl.Vision;

/// <summary>An image size in pixels, height first like Keras's <c>target_size</c>.</summary>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
public readonly record struct ImageSize(int Height, int Width)
{
    /// <summary>Throws when either side is not positive.</summary>
    internal ImageSize Validated(string what)
    {
        if (Height <= 0 || Width <= 0)
        {
            throw new ArgumentOutOfRangeException(what, $"{what} must be positive on both sides, got {Height}x{Width}.");
        }
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Height}x{Width}";
}
