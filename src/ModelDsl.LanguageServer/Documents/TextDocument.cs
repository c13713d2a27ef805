namespace ModelDsl.LanguageServer.Documents;

/// <summary>
/// One version of an open document. Immutable: the diagnostics task and the request loop each read
/// the snapshot they were given. Positions are LSP's (0-based line, UTF-16 character), which are C#
/// string indices within a line.
/// </summary>
internal sealed class TextDocument
{
    private readonly int[] _lineStarts;

    public TextDocument(string uri, int version, string text)
    {
        Uri = uri;
        Version = version;
        Text = text;
        _lineStarts = LineStarts(text);
    }

    public string Uri { get; }

    public int Version { get; }

    public string Text { get; }

    /// <summary>
    /// The offset of a position. A character past the line's end means the end of the line, before its
    /// line break (as the protocol says); a line past the last means the end of the text.
    /// </summary>
    public int OffsetOf(int line, int character)
    {
        if (line < 0) return 0;
        if (line >= _lineStarts.Length) return Text.Length;
        var start = _lineStarts[line];
        var end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : Text.Length;
        if (end > start && Text[end - 1] == '\n') end--;
        if (end > start && Text[end - 1] == '\r') end--;
        return start + Math.Clamp(character, 0, end - start);
    }

    /// <summary>The text of a 0-based line without its line break.</summary>
    public string LineText(int line)
        => line < 0 || line >= _lineStarts.Length ? string.Empty : Text[_lineStarts[line]..OffsetOf(line, int.MaxValue)];

    /// <summary>This document with one content change applied (a range replaced, or the whole text when <paramref name="range"/> is null).</summary>
    public TextDocument WithChange(int version, (int Line, int Character, int EndLine, int EndCharacter)? range, string text)
    {
        if (range is not { } r) return new TextDocument(Uri, version, text);
        var start = OffsetOf(r.Line, r.Character);
        var end = Math.Max(start, OffsetOf(r.EndLine, r.EndCharacter));
        return new TextDocument(Uri, version, string.Concat(Text.AsSpan(0, start), text, Text.AsSpan(end)));
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') starts.Add(i + 1);
        }
        return starts.ToArray();
    }
}
