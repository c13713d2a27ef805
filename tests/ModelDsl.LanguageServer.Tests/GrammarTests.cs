using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelDsl.Spec.Catalog;

namespace ModelDsl.LanguageServer.Tests;

/// <summary>The VS Code extension's TextMate grammar (editors/vscode/syntaxes/mdsl.tmLanguage.json).</summary>
public sealed class GrammarTests
{
    private static string Extension => Path.Combine(BuildPaths.RepoRoot, "editors", "vscode");

    [Fact]
    public void The_grammar_tokenizes_zoo_specs_with_the_expected_scopes_in_vscode_textmate()
    {
        if (!Directory.Exists(Path.Combine(Extension, "node_modules", "vscode-textmate")))
        {
            var install = ProcessRunner.Run("npm", new[] { "ci", "--no-audit", "--no-fund" }, Extension, TimeSpan.FromMinutes(3));
            Assert.True(install.ExitCode == 0, "npm ci failed in " + Extension + ":\n" + install.Output);
        }
        var run = ProcessRunner.Run("node", new[] { "test/grammar.test.js" }, Extension, TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, "node test/grammar.test.js failed:\n" + run.Output);
        Assert.Matches(@"grammar: \d+ scope checks passed", run.Output);
    }

    [Fact]
    public void The_grammar_highlights_every_layer_keyword_of_the_catalogue()
    {
        var grammar = JsonNode.Parse(File.ReadAllText(Path.Combine(Extension, "syntaxes", "mdsl.tmLanguage.json")))!;
        var layers = new Regex("^(?:" + grammar["repository"]!["layers"]!["match"]!.GetValue<string>() + ")$");
        var missing = LayerCatalog.Keywords.Where(k => !layers.IsMatch(k)).ToList();
        Assert.True(missing.Count == 0, "layers the grammar does not highlight: " + string.Join(", ", missing));
        Assert.DoesNotMatch(layers, "Bottleneck");
    }
}
