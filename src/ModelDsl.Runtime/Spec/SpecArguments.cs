using System.Globalization;
using ModelDsl.Spec.Layers;

namespace ModelDsl.Runtime.Spec;

/// <summary>Converts CLR model arguments into the spec's argument values.</summary>
internal static class SpecArguments
{
    public static IReadOnlyDictionary<string, ArgValue>? Convert(IReadOnlyDictionary<string, object>? args)
    {
        if (args is null) return null;
        var result = new Dictionary<string, ArgValue>(StringComparer.Ordinal);
        foreach (var (name, value) in args) result[name] = ToArg(name, value);
        return result;
    }

    private static ArgValue ToArg(string name, object value) => value switch
    {
        bool b => ArgValue.OfBool(b),
        int i => ArgValue.OfInt(i),
        long l => ArgValue.OfInt(l),
        double d => ArgValue.OfFloat(d),
        float f => ArgValue.OfFloat(f),
        string s when TryShape(s, out var dims) => ArgValue.OfTuple(null, dims),
        string s => ArgValue.OfName(s),
        int[] dims => ArgValue.OfTuple(null, dims),
        _ => throw new ArgumentException($"Model argument '{name}' has unsupported type {value?.GetType().Name ?? "null"}.", nameof(value)),
    };

    private static bool TryShape(string text, out int[] dims)
    {
        var parts = text.Split('x');
        dims = new int[parts.Length];
        if (parts.Length < 2) return false;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i])) return false;
        }
        return true;
    }
}
