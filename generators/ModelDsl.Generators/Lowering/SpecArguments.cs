using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Text;

namespace ModelDsl.Generators.Lowering
{
    /// <summary>
    /// Parses <c>[ModelSpec(Arguments = "classes = 10, include_top = false")]</c> into the argument values the
    /// Spec instantiates a model with: integers, numbers, booleans, shapes (<c>3x160x160</c>) and names.
    /// </summary>
    internal static class SpecArguments
    {
        /// <summary>The values by parameter name; problems go to <paramref name="diagnostics"/> at <paramref name="span"/>.</summary>
        public static Dictionary<string, ArgValue> Parse(string text, SourceSpan span, List<SpecDiagnostic> diagnostics)
        {
            var result = new Dictionary<string, ArgValue>(System.StringComparer.Ordinal);
            foreach (var part in text.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0))
            {
                var pieces = part.Split(new[] { '=' }, 2);
                var name = pieces[0].Trim();
                if (pieces.Length != 2 || name.Length == 0)
                {
                    diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.ParseError, span, "expected 'name = value' in spec arguments but got '" + part + "'"));
                    continue;
                }
                if (result.ContainsKey(name))
                {
                    diagnostics.Add(SpecDiagnostic.Create(DiagnosticCatalog.DuplicateName, span, name));
                    continue;
                }
                result[name] = Value(pieces[1].Trim(), span);
            }
            return result;
        }

        private static ArgValue Value(string text, SourceSpan span)
        {
            if (text == "true" || text == "false") return ArgValue.OfBool(text == "true", span);
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return ArgValue.OfInt(integer, span);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) return ArgValue.OfFloat(real, span);
            var dims = text.Split('x');
            if (dims.Length > 1 && dims.All(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                return ArgValue.OfTuple(span, dims.Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray());
            }
            return ArgValue.OfName(text, span);
        }
    }
}
