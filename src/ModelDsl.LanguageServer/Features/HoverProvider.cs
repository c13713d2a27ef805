using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ModelDsl.LanguageServer.Analysis;
using ModelDsl.LanguageServer.Server;
using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Text;

namespace ModelDsl.LanguageServer.Features;

/// <summary>
/// Hover on a line: for every layer (and block instance or named group) written there, its output shape,
/// parameter count and module path, per model, from the compilation with default arguments. A layer
/// inside a block body has one row per instance (<c>layer1.0.conv1</c>, <c>layer1.1.conv1</c>, ...).
/// Where nothing was instantiated (an uncalled block, a branch not taken) a layer or block name still
/// shows its signature.
/// </summary>
internal static class HoverProvider
{
    private const int MaxRows = 16;

    private sealed record Hit(ModelCompilation Model, SourceSpan Span, string Kind, string Path, string? Output, long? Params, long RunningStats);

    public static JsonObject? Hover(DocumentAnalysis analysis, int line, int character)
    {
        var document = analysis.Document;
        var offset = document.OffsetOf(line, character);
        var hits = HitsOnLine(analysis, line + 1);
        var containing = hits.Where(h => h.Span.Start <= offset && offset <= h.Span.End).ToList();
        if (containing.Count > 0)
        {
            var innermost = containing.Min(h => h.Span.Length);
            hits = containing.Where(h => h.Span.Length == innermost).ToList();
        }
        if (hits.Count > 0)
        {
            var spans = hits.Select(h => h.Span).Distinct().ToList();
            var result = new JsonObject { ["contents"] = Lsp.Markdown(Render(hits)) };
            if (spans.Count == 1) result["range"] = Lsp.Range(spans[0]);
            return result;
        }
        return NameHover(analysis, offset);
    }

    private static List<Hit> HitsOnLine(DocumentAnalysis analysis, int specLine)
    {
        var hits = new List<Hit>();
        foreach (var model in analysis.Compilation.Models)
        {
            if (model.Graph is not { } graph) continue;
            foreach (var node in graph.Nodes.Where(n => n.Span.IsKnown && n.Span.Line == specLine && n.Span.Path == analysis.Document.Uri))
            {
                var info = model.Inference?.Nodes[node.Id];
                var keyword = LayerCatalog.DescriptorOf(node.Layer).Keyword;
                hits.Add(new Hit(model, node.Span, keyword, node.ModulePath, info?.OutputShape?.ToString(), info?.TrainableParams, info?.KerasNonTrainableParams ?? 0));
            }
            foreach (var container in graph.Containers.Where(c => c.Span.IsKnown && c.Span.Line == specLine && c.Span.Path == analysis.Document.Uri))
            {
                hits.Add(ContainerHit(model, graph, container));
            }
        }
        return hits;
    }

    // A group or block instance: the shape of its last layer, the parameters of all layers under its path.
    private static Hit ContainerHit(ModelCompilation model, ModelGraph graph, ContainerInfo container)
    {
        var prefix = container.Path + ".";
        var members = graph.Nodes.Where(n => n.ModulePath.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var inference = model.Inference;
        string? output = null;
        long? parameters = null;
        long stats = 0;
        if (inference is not null && members.Count > 0)
        {
            output = inference.Nodes[members[^1].Id].OutputShape?.ToString();
            parameters = members.Sum(n => inference.Nodes[n.Id].TrainableParams);
            stats = members.Sum(n => inference.Nodes[n.Id].KerasNonTrainableParams);
        }
        var kind = container.TypeName == "Sequential" ? "group" : container.TypeName;
        return new Hit(model, container.Span, kind, container.Path, output, parameters, stats);
    }

    private static string Render(List<Hit> hits)
    {
        var text = new StringBuilder();
        foreach (var group in hits.GroupBy(h => h.Model.Name))
        {
            if (text.Length > 0) text.Append("\n\n");
            var model = group.First().Model;
            text.Append("**").Append(model.Name).Append("**");
            if (model.Inference is null) text.Append(" — shapes unavailable: the model has errors");
            text.Append("\n\n| layer | module path | output shape | params |\n| --- | --- | --- | --- |\n");
            var rows = group.ToList();
            foreach (var hit in rows.Take(MaxRows))
            {
                text.Append("| `").Append(hit.Kind).Append("` | `").Append(hit.Path.Length == 0 ? "(input)" : hit.Path).Append("` | ")
                    .Append(hit.Output ?? "?").Append(" | ").Append(Params(hit)).Append(" |\n");
            }
            if (rows.Count > MaxRows) text.Append("\n… and ").Append((rows.Count - MaxRows).ToString(CultureInfo.InvariantCulture)).Append(" more instances\n");
        }
        return text.ToString().TrimEnd('\n');
    }

    private static string Params(Hit hit)
    {
        if (hit.Params is not { } count) return "?";
        var text = count.ToString("N0", CultureInfo.InvariantCulture);
        // Keras counts BatchNorm's moving statistics as non-trainable parameters; PyTorch calls them buffers.
        return hit.RunningStats > 0 ? text + " (+" + hit.RunningStats.ToString("N0", CultureInfo.InvariantCulture) + " running stats)" : text;
    }

    private static JsonObject? NameHover(DocumentAnalysis analysis, int offset)
    {
        if (EditorScanner.WordAt(analysis.Document.Text, offset) is not { } found) return null;
        var (word, start) = found;
        string? markdown = null;
        if (LayerCatalog.TryGet(word, out var descriptor)) markdown = LayerSignature.Markdown(word, descriptor);
        else if (analysis.Outline.Find(word) is { } declaration) markdown = "```mdsl\n" + declaration.Signature + "\n```";
        if (markdown is null) return null;
        return new JsonObject { ["contents"] = Lsp.Markdown(markdown), ["range"] = Lsp.Range(analysis.Document, start, word.Length) };
    }
}
