namespace ModelDsl.LanguageServer.Analysis;

/// <summary>
/// The declarations of a file, found from editor tokens so that they exist even while the file does not
/// parse: go-to-definition and completion of block names keep working in the middle of an edit.
/// </summary>
internal sealed class SpecOutline
{
    private SpecOutline(IReadOnlyList<Declaration> declarations) => Declarations = declarations;

    public IReadOnlyList<Declaration> Declarations { get; }

    /// <summary>The first declaration named <paramref name="name"/>, or null.</summary>
    public Declaration? Find(string name) => Declarations.FirstOrDefault(d => d.Name == name);

    /// <summary>The declaration whose body holds <paramref name="offset"/>, or null at file level.</summary>
    public Declaration? Enclosing(int offset) => Declarations.FirstOrDefault(d => d.BodyContains(offset));

    public static SpecOutline Of(string text)
    {
        var tokens = EditorScanner.Scan(text);
        var declarations = new List<Declaration>();
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var keyword = tokens[i];
            var name = tokens[i + 1];
            if (keyword.Kind != EditorTokenKind.Identifier || keyword.Text is not ("model" or "block" or "macro")) continue;
            if (name.Kind != EditorTokenKind.Identifier) continue;
            var next = i + 2;
            var parameters = new List<string>();
            var headEnd = name.End;
            if (next < tokens.Count && tokens[next].Text == "(")
            {
                var close = Matching(tokens, next);
                CollectParameters(tokens, next, close, parameters);
                headEnd = close < tokens.Count ? tokens[close].End : text.Length;
                next = close + 1;
            }
            var bodyStart = next < tokens.Count && tokens[next].Text == "{" ? tokens[next].Start : -1;
            var bodyEnd = bodyStart < 0 ? -1 : (Matching(tokens, next) is var end && end < tokens.Count ? tokens[end].End : text.Length);
            var signature = string.Join(" ", text[keyword.Start..headEnd].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            declarations.Add(new Declaration(keyword.Text, name.Text, name.Start, parameters, signature, bodyStart, bodyEnd));
            i = next - 1;
        }
        return new SpecOutline(declarations);
    }

    // Names right after '(' or ',' at the head's own depth: 'width' and 'stride' in (width, stride = 1 if a else b).
    private static void CollectParameters(List<EditorToken> tokens, int open, int close, List<string> parameters)
    {
        var depth = 0;
        for (var j = open; j < close && j < tokens.Count; j++)
        {
            var t = tokens[j];
            if (t.Kind == EditorTokenKind.Open) depth++;
            else if (t.Kind == EditorTokenKind.Close) depth--;
            else if (t.Kind == EditorTokenKind.Identifier && depth == 1 && (tokens[j - 1].Text == "(" && j - 1 == open || tokens[j - 1].Kind == EditorTokenKind.Comma))
                parameters.Add(t.Text);
        }
    }

    /// <summary>Index of the bracket closing the one at <paramref name="open"/>, or the token count when unclosed.</summary>
    private static int Matching(List<EditorToken> tokens, int open)
    {
        var depth = 0;
        for (var j = open; j < tokens.Count; j++)
        {
            if (tokens[j].Kind == EditorTokenKind.Open) depth++;
            else if (tokens[j].Kind == EditorTokenKind.Close && --depth == 0) return j;
        }
        return tokens.Count;
    }
}
