using System.Text.Json.Nodes;
using ModelDsl.LanguageServer.Analysis;
using ModelDsl.LanguageServer.Server;
using ModelDsl.Spec.Catalog;

namespace ModelDsl.LanguageServer.Features;

/// <summary>
/// Completion: layer keywords (with their signatures), the blocks and macros the file declares and the
/// statement keywords at a statement; inside <c>conv2d(</c> or <c>Bottleneck(</c> the argument names of
/// that layer or block not given yet; in expressions the parameters in scope and the option words.
/// All candidates of the place are returned; the client filters by the typed prefix.
/// </summary>
internal static class CompletionProvider
{
    // LSP CompletionItemKind values.
    private const int KindFunction = 3;
    private const int KindVariable = 6;
    private const int KindClass = 7;
    private const int KindProperty = 10;
    private const int KindKeyword = 14;
    private const int KindEnumMember = 20;

    private static readonly string[] TopLevelKeywords = { "model", "block", "macro", "defaults" };
    private static readonly string[] StatementKeywords = { "fork", "residual", "if", "else", "repeat", "defaults" };
    private static readonly string[] OptionWords =
    {
        "same", "valid", "relu", "relu6", "sigmoid", "tanh", "softmax", "linear", "horizontal", "vertical",
        "horizontal_and_vertical", "row", "batch", "true", "false",
    };

    public static JsonObject Complete(DocumentAnalysis analysis, int line, int character)
    {
        var offset = analysis.Document.OffsetOf(line, character);
        var context = CompletionContext.At(analysis.Document.Text, offset);
        var items = new JsonArray();
        switch (context.Place)
        {
            case CompletionPlace.TopLevel:
                foreach (var keyword in TopLevelKeywords) items.Add(Item(keyword, KindKeyword, "keyword", null, "0"));
                break;
            case CompletionPlace.Statement:
                AddLayers(items);
                AddBlocks(items, analysis.Outline);
                foreach (var keyword in StatementKeywords) items.Add(Item(keyword, KindKeyword, "keyword", null, "2"));
                break;
            case CompletionPlace.ArgumentStart:
                AddArguments(items, analysis.Outline, context);
                AddValues(items, analysis.Outline, offset);
                break;
            case CompletionPlace.Value:
                AddValues(items, analysis.Outline, offset);
                break;
        }
        return new JsonObject { ["isIncomplete"] = false, ["items"] = items };
    }

    private static void AddLayers(JsonArray items)
    {
        foreach (var keyword in LayerCatalog.Keywords.OrderBy(k => k, StringComparer.Ordinal))
        {
            LayerCatalog.TryGet(keyword, out var descriptor);
            items.Add(Item(keyword, KindFunction, LayerSignature.Of(keyword, descriptor), LayerSignature.Markdown(keyword, descriptor), "0"));
        }
    }

    private static void AddBlocks(JsonArray items, SpecOutline outline)
    {
        foreach (var declaration in outline.Declarations.Where(d => d.IsCallable).DistinctBy(d => d.Name))
        {
            items.Add(Item(declaration.Name, KindClass, declaration.Signature, null, "1"));
        }
    }

    private static void AddArguments(JsonArray items, SpecOutline outline, CompletionContext context)
    {
        IEnumerable<(string Name, string Detail)> arguments;
        if (LayerCatalog.TryGet(context.CallName!, out var descriptor))
            arguments = descriptor.Arguments.Select(a => (a.Name, a.Doc + (a.IsRequired ? "" : " (default " + a.Default + ")")));
        else if (outline.Find(context.CallName!) is { IsCallable: true } declaration)
            arguments = declaration.Parameters.Select(p => (p, declaration.Name + " parameter"));
        else
            return;
        foreach (var (name, detail) in arguments.Where(a => !context.ArgumentsGiven.Contains(a.Name)))
        {
            var item = Item(name + "=", KindProperty, detail, null, "0");
            item["filterText"] = name;
            items.Add(item);
        }
    }

    // Parameters of the declaration being written, then the option words a bare name may stand for.
    private static void AddValues(JsonArray items, SpecOutline outline, int offset)
    {
        if (outline.Enclosing(offset) is { } declaration)
        {
            foreach (var parameter in declaration.Parameters.Distinct()) items.Add(Item(parameter, KindVariable, declaration.Name + " parameter", null, "1"));
        }
        foreach (var word in OptionWords) items.Add(Item(word, KindEnumMember, "option", null, "2"));
    }

    private static JsonObject Item(string label, int kind, string detail, string? documentation, string sortGroup)
    {
        var item = new JsonObject { ["label"] = label, ["kind"] = kind, ["detail"] = detail, ["sortText"] = sortGroup + label };
        if (documentation is not null) item["documentation"] = Lsp.Markdown(documentation);
        return item;
    }
}
