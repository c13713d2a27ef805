using System.Text.Json.Nodes;
using ModelDsl.LanguageServer.Documents;
using ModelDsl.LanguageServer.Rpc;
using ModelDsl.Spec.Text;

namespace ModelDsl.LanguageServer.Server;

/// <summary>LSP structures (positions, ranges, locations) to and from JSON.</summary>
internal static class Lsp
{
    public static JsonObject Position(int line, int character) => new() { ["line"] = line, ["character"] = character };

    public static JsonObject Range(int line, int character, int endLine, int endCharacter)
        => new() { ["start"] = Position(line, character), ["end"] = Position(endLine, endCharacter) };

    /// <summary>A spec span (1-based line and column) as an LSP range (0-based); an unknown span is the file's first character.</summary>
    public static JsonObject Range(SourceSpan span)
        => span.IsKnown
            ? Range(span.Line - 1, span.Column - 1, span.EndLine - 1, span.EndColumn - 1)
            : Range(0, 0, 0, 1);

    /// <summary>The range of <paramref name="length"/> characters at <paramref name="offset"/> of <paramref name="document"/>.</summary>
    public static JsonObject Range(TextDocument document, int offset, int length)
    {
        var (line, character) = PositionOf(document, offset);
        var (endLine, endCharacter) = PositionOf(document, offset + length);
        return Range(line, character, endLine, endCharacter);
    }

    public static JsonObject Location(string uri, JsonObject range) => new() { ["uri"] = uri, ["range"] = range };

    public static (int Line, int Character) PositionOf(TextDocument document, int offset)
    {
        var text = document.Text;
        offset = Math.Clamp(offset, 0, text.Length);
        var lineStart = text.LastIndexOf('\n', Math.Max(offset - 1, 0)) is var nl && nl >= 0 && nl < offset ? nl + 1 : 0;
        var line = 0;
        for (var i = 0; i < lineStart; i++)
        {
            if (text[i] == '\n') line++;
        }
        return (line, offset - lineStart);
    }

    public static string Uri(JsonNode? @params)
        => @params?["textDocument"]?["uri"]?.GetValue<string>() ?? throw new RpcException(RpcError.InvalidParams, "missing textDocument.uri");

    /// <summary>The request's position as (line, character).</summary>
    public static (int Line, int Character) RequestPosition(JsonNode? @params)
    {
        var position = @params?["position"] ?? throw new RpcException(RpcError.InvalidParams, "missing position");
        return (position["line"]?.GetValue<int>() ?? 0, position["character"]?.GetValue<int>() ?? 0);
    }

    public static JsonObject Markdown(string value) => new() { ["kind"] = "markdown", ["value"] = value };
}
