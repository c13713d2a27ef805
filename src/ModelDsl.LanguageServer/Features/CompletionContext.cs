using ModelDsl.LanguageServer.Analysis;

namespace ModelDsl.LanguageServer.Features;

/// <summary>Where the cursor is, as far as completion cares.</summary>
internal enum CompletionPlace
{
    /// <summary>Outside any declaration: <c>model</c>, <c>block</c>, <c>macro</c>, <c>defaults</c>.</summary>
    TopLevel,

    /// <summary>At the start of a statement in a body: layers, blocks, statement keywords.</summary>
    Statement,

    /// <summary>Where an argument of a call starts: its argument names, or a value.</summary>
    ArgumentStart,

    /// <summary>Inside an expression: parameters in scope and option words.</summary>
    Value,
}

/// <summary>
/// Reads the text before the cursor with the editor scanner: which brackets are open, and for the
/// innermost <c>(</c> the call it belongs to and whether the argument being written already has <c>name=</c>.
/// </summary>
internal sealed record CompletionContext(CompletionPlace Place, string? CallName, IReadOnlyList<string> ArgumentsGiven)
{
    public static CompletionContext At(string text, int offset)
    {
        var tokens = EditorScanner.Scan(text, offset);
        // The word being typed is what completion replaces, not context.
        if (tokens.Count > 0 && tokens[^1].Kind == EditorTokenKind.Identifier && tokens[^1].End == offset) tokens.RemoveAt(tokens.Count - 1);
        var open = new Stack<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == EditorTokenKind.Open) open.Push(i);
            else if (tokens[i].Kind == EditorTokenKind.Close && open.Count > 0) open.Pop();
        }
        if (open.Count == 0) return new CompletionContext(CompletionPlace.TopLevel, null, Array.Empty<string>());
        var bracket = open.Peek();
        var kind = tokens[bracket].Text;
        if (kind == "{") return new CompletionContext(CompletionPlace.Statement, null, Array.Empty<string>());
        var call = kind == "(" && bracket > 0 && tokens[bracket - 1].Kind == EditorTokenKind.Identifier ? tokens[bracket - 1].Text : null;
        if (call is null) return new CompletionContext(CompletionPlace.Value, null, Array.Empty<string>());
        var given = NamedArguments(tokens, bracket);
        var last = tokens[^1];
        var atStart = last.Kind == EditorTokenKind.Comma || tokens.Count - 1 == bracket;
        return new CompletionContext(atStart ? CompletionPlace.ArgumentStart : CompletionPlace.Value, call, given);
    }

    // 'stride' and 'padding' in conv2d(8, 3, stride=2, padding=same, |: already given, not offered again.
    private static List<string> NamedArguments(List<EditorToken> tokens, int bracket)
    {
        var names = new List<string>();
        var depth = 0;
        for (var i = bracket + 1; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind == EditorTokenKind.Open) depth++;
            else if (tokens[i].Kind == EditorTokenKind.Close) depth--;
            else if (depth == 0 && tokens[i].Kind == EditorTokenKind.Identifier && tokens[i + 1].Kind == EditorTokenKind.Equals) names.Add(tokens[i].Text);
        }
        return names;
    }
}
