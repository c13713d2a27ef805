extern alias generator;

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Generators.CodeFixes;
using ModelDsl.Generators.Tests.Infrastructure;
using GeneratorDiagnostics = generator::ModelDsl.Generators.Diagnostics.GeneratorDiagnostics;

namespace ModelDsl.Generators.Tests;

/// <summary>Each code fix applied to real generator diagnostics: the result compiles and the diagnostic is gone.</summary>
public class CodeFixTests
{
    [Fact]
    public void FixIdsMatchTheGeneratorsDescriptors()
    {
        Assert.Equal(DiagnosticIds.ClassNotPartial, GeneratorDiagnostics.ClassNotPartial.Id);
        Assert.Equal(DiagnosticIds.DenseNeedsFlatten, ModelDsl.Spec.Diagnostics.DiagnosticCatalog.DenseNeedsFlatten.Id);
        Assert.Equal(DiagnosticIds.KernelLargerThanInput, ModelDsl.Spec.Diagnostics.DiagnosticCatalog.KernelLargerThanInput.Id);
    }

    [Fact]
    public async Task MakeThePartialClass()
    {
        var fixedSource = await ApplyAsync(Sources.MnistConvNet.Replace("public partial class", "public class"), new MakePartialCodeFix(), "MDSL101");
        Assert.Contains("public partial class MnistConvNet", fixedSource);
        AssertCleanAndGenerated(fixedSource);
    }

    [Fact]
    public async Task InsertFlattenBeforeDense()
    {
        var fixedSource = await ApplyAsync(Sources.MnistConvNet.Replace("[Flatten]\n", ""), new InsertFlattenCodeFix(), "MDSL009");
        Assert.Contains("[Flatten]\n[Dense(64, Activation.Relu)]", fixedSource);
        AssertCleanAndGenerated(fixedSource);
    }

    [Fact]
    public async Task InsertFlattenInsideASharedAttributeList()
    {
        var source = Sources.MnistConvNet.Replace("[Flatten]\n[Dense(64, Activation.Relu)]", "[Conv2D(64, 1), Dense(64, Activation.Relu)]");
        var fixedSource = await ApplyAsync(source, new InsertFlattenCodeFix(), "MDSL009");
        Assert.Contains("[Conv2D(64, 1), Flatten, Dense(64, Activation.Relu)]", fixedSource);
        AssertCleanAndGenerated(fixedSource);
    }

    [Fact]
    public async Task UseSamePaddingForAKernelThatNoLongerFits()
    {
        var source = Sources.MnistConvNet.Replace("[Conv2D(64, 3, Activation.Relu)]\n[Flatten]", "[Conv2D(64, 7, Activation.Relu)]\n[Flatten]");
        var fixedSource = await ApplyAsync(source, new UseSamePaddingCodeFix(), "MDSL007");
        Assert.Contains("[Conv2D(64, 7, Activation.Relu, Padding = Padding.Same)]", fixedSource);
        AssertCleanAndGenerated(fixedSource);
    }

    private static void AssertCleanAndGenerated(string source)
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(run.CompileErrors);
        Assert.Contains("Demo.MnistConvNet.g.cs", run.HintNames);
    }

    /// <summary>Runs the generator, finds the diagnostic, applies the fix in a workspace, returns the new text.</summary>
    private static async Task<string> ApplyAsync(string source, CodeFixProvider fix, string id)
    {
        var run = GeneratorHarness.Run(source);
        var diagnostic = Assert.Single(run.Diagnostics, d => d.Id == id);

        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Fixes", LanguageNames.CSharp)
            .WithParseOptions(GeneratorHarness.ParseOptions)
            .AddMetadataReferences(GeneratorHarness.Compile().References);
        var document = project.AddDocument("Models.cs", SourceText.From(source));
        var tree = (await document.GetSyntaxTreeAsync())!;
        var located = Diagnostic.Create(diagnostic.Descriptor, Location.Create(tree, diagnostic.Location.SourceSpan), diagnostic.GetMessage());

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, located, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        var action = Assert.Single(actions);
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var text = await changed.GetDocument(document.Id)!.GetTextAsync();
        return text.ToString();
    }
}
