using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Spec.Text;

namespace ModelDsl.Generators.FrontEnd
{
    /// <summary>Conversions between Roslyn locations and the IR's <see cref="SourceSpan"/>.</summary>
    internal static class Spans
    {
        /// <summary>The span of a syntax node or token range in its tree.</summary>
        public static SourceSpan Of(SyntaxTree tree, TextSpan span)
        {
            var lines = tree.GetLineSpan(span);
            return new SourceSpan(
                tree.FilePath,
                span.Start,
                span.Length,
                lines.StartLinePosition.Line + 1,
                lines.StartLinePosition.Character + 1,
                lines.EndLinePosition.Line + 1,
                lines.EndLinePosition.Character + 1);
        }

        /// <summary>The span of a node.</summary>
        public static SourceSpan Of(SyntaxNode node) => Of(node.SyntaxTree, node.Span);

        /// <summary>The span of a token.</summary>
        public static SourceSpan Of(SyntaxToken token) => Of(token.SyntaxTree!, token.Span);

        /// <summary>The Roslyn text span of a source span.</summary>
        public static TextSpan ToTextSpan(SourceSpan span) => new TextSpan(span.Start, span.Length);

        /// <summary>The Roslyn line span of a source span (0-based lines and characters).</summary>
        public static LinePositionSpan ToLineSpan(SourceSpan span)
            => new LinePositionSpan(
                new LinePosition(System.Math.Max(span.Line - 1, 0), System.Math.Max(span.Column - 1, 0)),
                new LinePosition(System.Math.Max(span.EndLine - 1, 0), System.Math.Max(span.EndColumn - 1, 0)));
    }
}
