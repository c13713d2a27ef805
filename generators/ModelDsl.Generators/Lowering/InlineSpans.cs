using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Text;

namespace ModelDsl.Generators.Lowering
{
    /// <summary>
    /// Moves diagnostics of an <c>[InlineSpec("...")]</c> text from offsets in the string's value to offsets in
    /// the C# file, so they land on the offending part of the literal.
    /// </summary>
    internal static class InlineSpans
    {
        /// <summary>The diagnostic with its span shifted into the C# file (escape sequences are assumed absent).</summary>
        public static SpecDiagnostic Shift(SpecDiagnostic diagnostic, SourceSpan origin, string text)
        {
            var shifted = Diagnostics.DiagnosticMapper.ShiftNotes(diagnostic, span => Shift(span, origin, text));
            return shifted with { Span = Shift(diagnostic.Span, origin, text) };
        }

        /// <summary>A span of the inline text as a span of the C# file (the whole literal when it points nowhere).</summary>
        public static SourceSpan Shift(SourceSpan span, SourceSpan origin, string text)
        {
            if (!span.IsKnown) return origin;
            var start = System.Math.Min(span.Start, text.Length);
            var length = System.Math.Min(span.Length, text.Length - start);
            var line = origin.Line + span.Line - 1;
            var column = span.Line == 1 ? origin.Column + span.Column - 1 : span.Column;
            var endLine = origin.Line + span.EndLine - 1;
            var endColumn = span.EndLine == 1 ? origin.Column + span.EndColumn - 1 : span.EndColumn;
            return new SourceSpan(origin.Path, origin.Start + start, length, line, column, endLine, endColumn);
        }
    }
}
