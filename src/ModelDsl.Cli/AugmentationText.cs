using System.Globalization;
using ModelDsl.Vision;

namespace ModelDsl.Cli;

/// <summary>Parses the text forms of <c>augment-preview</c>'s options: <c>LO,HI</c> ranges, <c>HxW</c> sizes, flip and fill names.</summary>
internal static class AugmentationText
{
    /// <summary>The flip choices accepted by <c>--flip</c>.</summary>
    public static readonly string[] Flips = ["none", "horizontal", "vertical", "both"];

    /// <summary>The fill modes accepted by <c>--fill</c>.</summary>
    public static readonly string[] Fills = ["nearest", "constant", "reflect"];

    /// <summary>Parses <c>LO,HI</c>, e.g. <c>0.8,1.2</c>, with LO &lt;= HI.</summary>
    public static bool TryParseRange(string text, out ValueRange range)
    {
        range = default;
        var parts = text.Split(',');
        if (parts.Length != 2) return false;
        if (!double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)) return false;
        if (!double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var hi)) return false;
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || lo > hi) return false;
        range = new ValueRange(lo, hi);
        return true;
    }

    /// <summary>Parses <c>HxW</c>, e.g. <c>128x96</c> (height 128, width 96), both positive.</summary>
    public static bool TryParseSize(string text, out ImageSize size)
    {
        size = default;
        var parts = text.Split('x');
        if (parts.Length != 2) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h) || h < 1) return false;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var w) || w < 1) return false;
        size = new ImageSize(h, w);
        return true;
    }

    /// <summary>The fill mode named by <paramref name="name"/> (one of <see cref="Fills"/>).</summary>
    public static FillMode Fill(string name) => name switch
    {
        "constant" => FillMode.Constant,
        "reflect" => FillMode.Reflect,
        _ => FillMode.Nearest,
    };
}
