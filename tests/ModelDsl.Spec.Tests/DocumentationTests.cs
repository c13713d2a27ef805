using System.Text.RegularExpressions;
using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Language;

namespace ModelDsl.Spec.Tests;

/// <summary>docs/mdsl-reference.md cannot rot: its examples compile and it names every layer and id.</summary>
public class DocumentationTests
{
    private static string Doc() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "mdsl-reference.md"));

    private static IEnumerable<(int Line, string Code)> MdslBlocks()
    {
        var text = Doc();
        foreach (Match m in Regex.Matches(text, "```mdsl\n(.*?)```", RegexOptions.Singleline))
        {
            var line = text.Take(m.Index).Count(c => c == '\n') + 2;
            yield return (line, m.Groups[1].Value);
        }
    }

    [Fact]
    public void EveryExampleCompilesWithoutDiagnostics()
    {
        var blocks = MdslBlocks().ToList();
        Assert.True(blocks.Count >= 5, "expected the reference's examples, found " + blocks.Count);
        foreach (var (line, code) in blocks)
        {
            var result = SpecCompiler.Compile(code, "mdsl-reference.md:" + line);
            Assert.True(result.Diagnostics.Count == 0, "example at line " + line + ": " + string.Join(" | ", result.Diagnostics));
            Assert.NotEmpty(result.Models);
            Assert.All(result.Models, m => Assert.NotNull(m.Inference));
        }
    }

    [Fact]
    public void TheFirstExampleIsTheSeedConvnet()
    {
        var (_, code) = MdslBlocks().First();
        Assert.Equal(93322, SpecCompiler.Compile(code, "doc").Models[0].Inference!.KerasTotalParams);
    }

    [Fact]
    public void EveryLayerKeywordAndDiagnosticIsDocumented()
    {
        var doc = Doc();
        foreach (var keyword in LayerCatalog.Keywords) Assert.Contains("`" + keyword + "`", doc);
        foreach (var descriptor in DiagnosticCatalog.All) Assert.Contains("| " + descriptor.Id + " |", doc);
    }
}
