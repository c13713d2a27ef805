using System.Globalization;
using ModelDsl.Spec.Layers;

namespace ModelDsl.Cli;

/// <summary>Parses <c>--set name=value</c> overrides into model arguments.</summary>
internal static class ArgumentText
{
    /// <summary>Splits <c>name=value</c>; value is true/false, an integer, a number, dims (3x32x32) or a name.</summary>
    public static bool TryParse(string text, out string name, out ArgValue value)
    {
        name = string.Empty;
        value = ArgValue.OfName(string.Empty);
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1) return false;
        name = text.Substring(0, eq).Trim();
        var raw = text.Substring(eq + 1).Trim();
        if (raw == "true" || raw == "false") value = ArgValue.OfBool(raw == "true");
        else if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) value = ArgValue.OfInt(i);
        else if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var f)) value = ArgValue.OfFloat(f);
        else if (TryDims(raw, out var dims)) value = ArgValue.OfTuple(null, dims);
        else value = ArgValue.OfName(raw);
        return true;
    }

    private static bool TryDims(string raw, out int[] dims)
    {
        var parts = raw.Split('x');
        dims = new int[parts.Length];
        if (parts.Length < 2) return false;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i])) return false;
        }
        return true;
    }
}
