namespace ModelDsl.Spec.Language
{
    /// <summary>Token kinds of the .mdsl language.</summary>
    internal enum TokenKind
    {
        Identifier,
        Int,
        Float,
        Dims,
        String,
        LParen,
        RParen,
        LBrace,
        RBrace,
        Comma,
        Colon,
        Equals,
        Greater,
        GreaterEqual,
        Less,
        LessEqual,
        EqualEqual,
        NotEqual,
        Plus,
        Minus,
        Star,
        Slash,
        Percent,
        Semicolon,
        Error,
        LBracket,
        RBracket,
        DotDot,
        End,
    }
}
