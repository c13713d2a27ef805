using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Language
{
    /// <summary>A lexed token with its text and location.</summary>
    internal sealed record Token(TokenKind Kind, string Text, SourceSpan Span)
    {
        public bool Is(TokenKind kind, string text) => Kind == kind && Text == text;

        public bool IsKeyword(string word) => Kind == TokenKind.Identifier && Text == word;

        public string Describe() => Kind == TokenKind.End ? "end of file" : "'" + Text + "'";
    }
}
