using System.Linq;
using Microsoft.CodeAnalysis;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Text;

namespace ModelDsl.Generators.Diagnostics
{
    /// <summary>
    /// Turns a Spec diagnostic into a Roslyn one, notes included: a "did you mean" suggestion is appended to the
    /// message (it names what to type, at the diagnostic's own place); every other located note (the call site
    /// of the block holding the error, "in block 'B' instantiated here") becomes an additional location, which
    /// IDEs show beside the error and the command line lists. A diagnostic without notes is exactly as before.
    /// </summary>
    internal static class DiagnosticMapper
    {
        private const string SuggestionPrefix = "did you mean ";

        /// <summary>The Roslyn diagnostic for <paramref name="diagnostic"/>, its spans placed by <paramref name="locate"/>.</summary>
        public static Diagnostic ToRoslyn(SpecDiagnostic diagnostic, System.Func<SourceSpan, Location> locate)
        {
            var notes = diagnostic.Notes;
            var suggestions = notes.Where(IsSuggestion).Select(n => n.Message).ToList();
            var additional = notes.Where(n => !IsSuggestion(n) && n.Span.IsKnown).Select(n => locate(n.Span)).ToList();
            var arguments = diagnostic.Arguments.Cast<object>().ToList();
            var descriptor = DiagnosticDescriptors.For(diagnostic.Descriptor);
            if (suggestions.Count > 0)
            {
                descriptor = DiagnosticDescriptors.WithSuffix(diagnostic.Descriptor, arguments.Count);
                arguments.Add(string.Join("; ", suggestions));
            }
            return Diagnostic.Create(descriptor, locate(diagnostic.Span), additional, arguments.ToArray());
        }

        /// <summary>True for a "did you mean 'x'?" note.</summary>
        public static bool IsSuggestion(SpecNote note) => note.Message.StartsWith(SuggestionPrefix, System.StringComparison.Ordinal);

        /// <summary>The note spans shifted by <paramref name="shift"/> (an inline spec's offsets into the C# file).</summary>
        public static SpecDiagnostic ShiftNotes(SpecDiagnostic diagnostic, System.Func<SourceSpan, SourceSpan> shift)
            => diagnostic.Notes.Count == 0
                ? diagnostic
                : diagnostic with { Notes = diagnostic.Notes.Select(n => n with { Span = shift(n.Span) }).ToEquatableArray() };
    }
}
