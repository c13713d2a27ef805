using System.Globalization;
using System.Text;

namespace ModelDsl.Generators.Emit
{
    /// <summary>C# literal and identifier helpers for emitted code (invariant culture throughout).</summary>
    internal static class CSharp
    {
        /// <summary>A regular string literal for any text.</summary>
        public static string Literal(string text)
        {
            var sb = new StringBuilder(text.Length + 2);
            sb.Append('"');
            foreach (var c in text)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
            return sb.ToString();
        }

        /// <summary>A double literal that round-trips.</summary>
        public static string Literal(double value)
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains(".") || text.Contains("E") ? text : text + ".0";
        }

        /// <summary>An int or long literal.</summary>
        public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A bool literal.</summary>
        public static string Literal(bool value) => value ? "true" : "false";

        /// <summary>PascalCase member name from a Keras-like id: <c>conv2d_1</c> becomes <c>Conv2d1</c>.</summary>
        public static string PascalCase(string id)
        {
            var sb = new StringBuilder(id.Length);
            var upper = true;
            foreach (var c in id)
            {
                if (!char.IsLetterOrDigit(c))
                {
                    upper = true;
                    continue;
                }
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, "Layer");
            return sb.ToString();
        }
    }
}
