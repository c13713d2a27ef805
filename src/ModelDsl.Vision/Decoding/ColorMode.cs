namespace ModelDsl.Vision;

/// <summary>The channels images are decoded to, whatever the file stores.</summary>
public enum ColorMode
{
    /// <summary>Three channels, red, green, blue.</summary>
    Rgb,

    /// <summary>One luminance channel.</summary>
    Grayscale,
}

internal static class ColorModeExtensions
{
    internal static int Channels(this ColorMode mode) => mode switch
    {
        ColorMode.Rgb => 3,
        ColorMode.Grayscale => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown color mode."),
    };
}
