using System.Text.Json.Nodes;
using ModelDsl.LanguageServer.Analysis;
using ModelDsl.LanguageServer.Server;

namespace ModelDsl.LanguageServer.Features;

/// <summary>Go to definition: from a block or macro call (or any use of a declared name) to its declaration's name.</summary>
internal static class DefinitionProvider
{
    public static JsonNode? Definition(DocumentAnalysis analysis, int line, int character)
    {
        var document = analysis.Document;
        if (EditorScanner.WordAt(document.Text, document.OffsetOf(line, character)) is not { } found) return null;
        var word = found.Word;
        if (analysis.Outline.Find(word) is not { } declaration) return null;
        return Lsp.Location(document.Uri, Lsp.Range(document, declaration.NameStart, declaration.Name.Length));
    }
}
