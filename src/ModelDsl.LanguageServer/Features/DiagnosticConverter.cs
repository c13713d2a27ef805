using System.Text.Json.Nodes;
using ModelDsl.LanguageServer.Analysis;
using ModelDsl.LanguageServer.Server;
using ModelDsl.Spec.Diagnostics;

namespace ModelDsl.LanguageServer.Features;

/// <summary>
/// Every spec diagnostic as an LSP diagnostic: the MDSL id as its code, the catalogue's message, the
/// span's line:column as its range, and its notes ("did you mean", "in block ... instantiated here")
/// as related information.
/// </summary>
internal static class DiagnosticConverter
{
    public const string Source = "modeldsl";

    public static JsonObject PublishParams(DocumentAnalysis analysis)
    {
        var items = new JsonArray();
        foreach (var diagnostic in analysis.Compilation.Diagnostics) items.Add(Convert(diagnostic, analysis.Document.Uri));
        return new JsonObject { ["uri"] = analysis.Document.Uri, ["version"] = analysis.Document.Version, ["diagnostics"] = items };
    }

    public static JsonObject Empty(string uri) => new() { ["uri"] = uri, ["diagnostics"] = new JsonArray() };

    private static JsonObject Convert(SpecDiagnostic diagnostic, string uri)
    {
        var result = new JsonObject
        {
            ["range"] = Lsp.Range(diagnostic.Span),
            ["severity"] = diagnostic.Severity switch { SpecSeverity.Error => 1, SpecSeverity.Warning => 2, _ => 3 },
            ["code"] = diagnostic.Id,
            ["source"] = Source,
            ["message"] = diagnostic.Message,
        };
        var related = new JsonArray();
        foreach (var note in diagnostic.Notes.Where(n => n.Span.IsKnown))
        {
            related.Add(new JsonObject { ["location"] = Lsp.Location(uri, Lsp.Range(note.Span)), ["message"] = note.Message });
        }
        if (related.Count > 0) result["relatedInformation"] = related;
        return result;
    }
}
