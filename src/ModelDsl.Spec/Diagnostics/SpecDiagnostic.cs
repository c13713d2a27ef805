using System.Globalization;
using System.Linq;
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

        /// <summary>
        /// Secondary locations with a short message: where the block holding the error was instantiated,
        /// which iteration of a repeat, or "did you mean 'maxpool2d'?". Innermost first. The message
        /// itself does not change (tools that only show messages see the same text as before).
        /// </summary>
        public EquatableArray<SpecNote> Notes { get; init; }

        /// <summary>This diagnostic with one more note at the end.</summary>
        public SpecDiagnostic WithNote(SourceSpan span, string message)
            => this with { Notes = Notes.Concat(new[] { new SpecNote(span, message) }).ToEquatableArray() };

        /// <summary>This diagnostic with <paramref name="notes"/> appended.</summary>
        public SpecDiagnostic WithNotes(System.Collections.Generic.IEnumerable<SpecNote> notes)
            => this with { Notes = Notes.Concat(notes).ToEquatableArray() };

        /// <summary>
        /// <see cref="ToString"/> followed by one line per note,
        /// <c>file(line,col): note: in block 'Bottleneck' instantiated here</c>.
        /// </summary>
        public string ToStringWithNotes()
        {
            var sb = new System.Text.StringBuilder(ToString());
            foreach (var note in Notes)
            {
                sb.Append('\n').Append(string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}): note: {3}", note.Span.Path, note.Span.Line, note.Span.Column, note.Message));
            }
            return sb.ToString();
        }

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
