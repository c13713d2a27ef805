namespace ModelDsl.LanguageServer.Analysis;

/// <summary>A <c>model</c>, <c>block</c> or <c>macro</c> declaration as the editor sees it.</summary>
/// <param name="Keyword"><c>model</c>, <c>block</c> or <c>macro</c>.</param>
/// <param name="Name">The declared name.</param>
/// <param name="NameStart">0-based offset of the name.</param>
/// <param name="Parameters">Parameter names in order.</param>
/// <param name="Signature">The declaration head as written, <c>block Bottleneck(width, stride = 1)</c>.</param>
/// <param name="BodyStart">Offset of the body's <c>{</c> (-1 when not written yet).</param>
/// <param name="BodyEnd">Offset just past the body's <c>}</c> (the text's end when unclosed).</param>
internal sealed record Declaration(string Keyword, string Name, int NameStart, IReadOnlyList<string> Parameters, string Signature, int BodyStart, int BodyEnd)
{
    public bool IsCallable => Keyword != "model";

    public bool BodyContains(int offset) => BodyStart >= 0 && offset > BodyStart && offset < BodyEnd;
}
