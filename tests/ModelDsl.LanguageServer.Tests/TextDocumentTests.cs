using ModelDsl.LanguageServer.Analysis;
using ModelDsl.LanguageServer.Documents;
using ModelDsl.LanguageServer.Features;

namespace ModelDsl.LanguageServer.Tests;

/// <summary>Incremental sync and the editor-side reading of half-written text, without a process.</summary>
public sealed class TextDocumentTests
{
    [Fact]
    public void Incremental_changes_replace_ranges_across_lines_and_clamp_positions_past_a_line_end()
    {
        var document = new TextDocument("file:///a.mdsl", 1, "model A(input = 8) {\r\n  dense(4)\r\n}\r\n");
        var edited = document
            .WithChange(2, (1, 2, 1, 7), "flatten > dense")      // replace "dense" on line 1
            .WithChange(3, (0, 19, 1, 0), "{ relu\r\n")          // replace the break after '{' up to line 1's start
            .WithChange(4, (1, 99, 1, 99), " # end");             // past the end of line 1: its end, before the break
        Assert.Equal("model A(input = 8) { relu\r\n  flatten > dense(4) # end\r\n}\r\n", edited.Text);
        Assert.Equal(4, edited.Version);
        Assert.Equal("  flatten > dense(4) # end", edited.LineText(1));
        Assert.Equal("model A(input = 8) {\r\n  dense(4)\r\n}\r\n", document.Text); // snapshots are immutable
    }

    [Fact]
    public void Completion_context_tells_statements_argument_starts_and_values_apart()
    {
        const string text = "block B(w, k = 3) { conv2d(w, k, stride=2, \n  dense(w if w > 1 else 2\n";
        var argumentStart = CompletionContext.At(text, text.IndexOf('\n'));
        Assert.Equal(CompletionPlace.ArgumentStart, argumentStart.Place);
        Assert.Equal("conv2d", argumentStart.CallName);
        Assert.Equal(new[] { "stride" }, argumentStart.ArgumentsGiven);

        Assert.Equal(CompletionPlace.Value, CompletionContext.At(text, text.Length - 1).Place);
        Assert.Equal(CompletionPlace.Statement, CompletionContext.At(text, text.IndexOf('{') + 1).Place);
        Assert.Equal(CompletionPlace.TopLevel, CompletionContext.At("# conv2d(\n", 10).Place); // brackets in comments do not count
    }

    [Fact]
    public void The_outline_finds_declarations_and_their_parameters_while_the_file_is_broken()
    {
        var outline = SpecOutline.Of("macro M(a, b = (1, 2), c = [x, y]) { conv2d(a\nblock B(width) {\nmodel Net(input = 3x8x8) {");
        Assert.Equal(new[] { "M", "B", "Net" }, outline.Declarations.Select(d => d.Name));
        Assert.Equal(new[] { "a", "b", "c" }, outline.Declarations[0].Parameters);
        Assert.Equal("macro M(a, b = (1, 2), c = [x, y])", outline.Declarations[0].Signature);
        Assert.False(outline.Find("Net")!.IsCallable);
    }
}
