using System.Globalization;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Diagnostics
{
    /// <summary>A located diagnostic produced by parsing, elaboration or shape inference.</summary>
    /// <param name="Descriptor">The catalogue entry.</param>
    /// <param name="Span">Where it points.</param>
    /// <param name="Message">The formatted message.</param>
    /// <param name="Arguments">The message arguments as invariant strings (Roslyn re-formats with them).</param>
    public sealed record SpecDiagnostic(SpecDiagnosticDescriptor Descriptor, SourceSpan Span, string Message, EquatableArray<string> Arguments)
    {
        /// <summary>The diagnostic id.</summary>
        public string Id => Descriptor.Id;

        /// <summary>The severity.</summary>
        public SpecSeverity Severity => Descriptor.Severity;

        /// <summary>Creates a diagnostic, formatting the message with invariant culture.</summary>
        public static SpecDiagnostic Create(SpecDiagnosticDescriptor descriptor, SourceSpan span, params object[] args)
        {
            var strings = new string[args.Length];
            for (var i = 0; i < args.Length; i++)
            {
                strings[i] = System.Convert.ToString(args[i], CultureInfo.InvariantCulture) ?? string.Empty;
            }
            return new SpecDiagnostic(descriptor, span, descriptor.Format(strings), strings.ToEquatableArray());
        }

        /// <summary>MSBuild format: <c>file(line,col): error MDSL001: message</c>.</summary>
        public override string ToString()
        {
            var sev = Severity switch
            {
                SpecSeverity.Error => "error",
                SpecSeverity.Warning => "warning",
                _ => "info",
            };
            return string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}): {3} {4}: {5}", Span.Path, Span.Line, Span.Column, sev, Id, Message);
        }
    }
}
