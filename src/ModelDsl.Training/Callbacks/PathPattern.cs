using System.Globalization;
using System.Text;

namespace ModelDsl.Training.Callbacks;

/// <summary>
/// Fills a Keras-style file pattern such as <c>ckpt-{epoch:02d}-{val_loss:.4f}.pt</c>: <c>{epoch}</c> is the
/// 1-based epoch, other names come from the logs; formats are Python's <c>0Nd</c>, <c>Nd</c>, <c>.Nf</c>, <c>.Ne</c>.
/// </summary>
public static class PathPattern
{
    /// <summary>Substitutes every <c>{name[:format]}</c> in <paramref name="pattern"/>.</summary>
    /// <exception cref="ArgumentException">A name is not logged, a format is unknown or a brace is unmatched.</exception>
    public static string Format(string pattern, int epoch, Logs logs)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var sb = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c != '{')
            {
                if (c == '}') throw new ArgumentException($"Unmatched '}}' at position {i} in file pattern '{pattern}'.", nameof(pattern));
                sb.Append(c);
                i++;
                continue;
            }
            var end = pattern.IndexOf('}', i);
            if (end < 0) throw new ArgumentException($"Unmatched '{{' at position {i} in file pattern '{pattern}'.", nameof(pattern));
            var field = pattern[(i + 1)..end];
            var colon = field.IndexOf(':');
            var name = colon < 0 ? field : field[..colon];
            var spec = colon < 0 ? "" : field[(colon + 1)..];
            double value;
            if (name == "epoch") value = epoch + 1;
            else if (!logs.TryGetValue(name, out value))
            {
                throw new ArgumentException($"File pattern '{pattern}' uses '{{{name}}}' but the logs only have: epoch, {string.Join(", ", logs.Keys)}.", nameof(pattern));
            }
            sb.Append(FormatValue(value, spec, pattern));
            i = end + 1;
        }
        return sb.ToString();
    }

    private static string FormatValue(double value, string spec, string pattern)
    {
        var inv = CultureInfo.InvariantCulture;
        if (spec.Length == 0) return value == Math.Floor(value) && Math.Abs(value) < 1e15 ? ((long)value).ToString(inv) : value.ToString("R", inv);
        var kind = spec[^1];
        var body = spec[..^1];
        switch (kind)
        {
            case 'd':
                var zero = body.StartsWith('0');
                var width = body.Length == 0 ? 0 : int.Parse(body, inv);
                var digits = ((long)Math.Round(value)).ToString(inv);
                return digits.PadLeft(width, zero ? '0' : ' ');
            case 'f' or 'e' when body.StartsWith('.') && int.TryParse(body[1..], NumberStyles.None, inv, out var precision):
                return value.ToString(kind == 'f' ? "F" + precision.ToString(inv) : "0." + new string('0', precision) + "e+00", inv);
            default:
                throw new ArgumentException($"Unknown format '{spec}' in file pattern '{pattern}'; use 0Nd, Nd, .Nf or .Ne.", nameof(pattern));
        }
    }
}
