using System.Collections.Concurrent;
using ModelDsl.LanguageServer.Documents;

namespace ModelDsl.LanguageServer.Analysis;

/// <summary>
/// The latest analysis per document: hover, completion and definition on an unchanged version reuse the
/// compilation the diagnostics task made (ResNet-sized specs take tens of milliseconds to expand).
/// </summary>
internal sealed class AnalysisCache
{
    private readonly ConcurrentDictionary<string, DocumentAnalysis> _latest = new(StringComparer.Ordinal);

    public DocumentAnalysis Get(TextDocument document, CancellationToken cancellationToken = default)
    {
        if (_latest.TryGetValue(document.Uri, out var cached) && ReferenceEquals(cached.Document, document)) return cached;
        var analysis = DocumentAnalysis.Of(document, cancellationToken);
        _latest.AddOrUpdate(document.Uri, analysis, (_, old) => old.Document.Version > document.Version ? old : analysis);
        return analysis;
    }

    public void Remove(string uri) => _latest.TryRemove(uri, out _);
}
