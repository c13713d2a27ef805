namespace ModelDsl.LanguageServer.Analysis;

/// <summary>What the editor scanner distinguishes: names, punctuation it navigates by, and everything else.</summary>
internal enum EditorTokenKind
{
    Identifier,
    Number,
    String,
    Open,
    Close,
    Comma,
    Equals,
    Colon,
    Other,
}

/// <summary>A token of the editor scanner: kind, text and 0-based offsets.</summary>
internal readonly record struct EditorToken(EditorTokenKind Kind, string Text, int Start)
{
    public int End => Start + Text.Length;
}
