namespace ModelDsl.LanguageServer.Analysis;

/// <summary>
/// A forgiving tokenizer for editor features. The spec parser's tokens are internal to ModelDsl.Spec and
/// stop at the first error; completion needs the tokens of half-written text up to the cursor, so this
/// scanner never fails: comments are skipped, a string runs to its closing quote or the line's end.
/// </summary>
internal static class EditorScanner
{
    public static List<EditorToken> Scan(string text, int end = int.MaxValue)
    {
        var tokens = new List<EditorToken>();
        var limit = Math.Min(end, text.Length);
        var i = 0;
        while (i < limit)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == '\uFEFF') { i++; continue; }
            if (c == '#' || (c == '/' && i + 1 < limit && text[i + 1] == '/'))
            {
                while (i < limit && text[i] != '\n') i++;
                continue;
            }
            var start = i;
            if (char.IsLetter(c) || c == '_')
            {
                while (i < limit && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                tokens.Add(new EditorToken(EditorTokenKind.Identifier, text[start..i], start));
            }
            else if (char.IsDigit(c))
            {
                // 3x224x224, 0.001, 1e-5: digits, dots, 'x' and exponents stay one number token.
                while (i < limit && (char.IsLetterOrDigit(text[i]) || (text[i] == '.' && i + 1 < limit && char.IsDigit(text[i + 1])))) i++;
                tokens.Add(new EditorToken(EditorTokenKind.Number, text[start..i], start));
            }
            else if (c == '"')
            {
                i++;
                while (i < limit && text[i] != '"' && text[i] != '\n') i++;
                if (i < limit && text[i] == '"') i++;
                tokens.Add(new EditorToken(EditorTokenKind.String, text[start..i], start));
            }
            else if ((c == '=' || c == '<' || c == '>' || c == '!') && i + 1 < limit && text[i + 1] == '=')
            {
                i += 2;
                tokens.Add(new EditorToken(EditorTokenKind.Other, text[start..i], start));
            }
            else
            {
                i++;
                var kind = c switch
                {
                    '(' or '{' or '[' => EditorTokenKind.Open,
                    ')' or '}' or ']' => EditorTokenKind.Close,
                    ',' => EditorTokenKind.Comma,
                    ':' => EditorTokenKind.Colon,
                    '=' => EditorTokenKind.Equals,
                    _ => EditorTokenKind.Other,
                };
                tokens.Add(new EditorToken(kind, text[start..i], start));
            }
        }
        return tokens;
    }

    /// <summary>The identifier touching <paramref name="offset"/> (the cursor may sit just after it), or null.</summary>
    public static (string Word, int Start)? WordAt(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var start = offset;
        while (start > 0 && IsWordChar(text[start - 1])) start--;
        var end = offset;
        while (end < text.Length && IsWordChar(text[end])) end++;
        if (end == start || char.IsDigit(text[start])) return null;
        return (text[start..end], start);
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
