extern alias generator;

using Microsoft.CodeAnalysis.CodeFixes;
using ModelDsl.Generators.CodeFixes;
using ModelDsl.Generators.Tests.Infrastructure;
using static ModelDsl.Generators.Tests.Infrastructure.RoslynSdk;
using GeneratorDiagnostics = generator::ModelDsl.Generators.Diagnostics.GeneratorDiagnostics;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// Each code fix on the analyzer's diagnostic, through the Roslyn SDK's code-fix test: the diagnostic at its exact
/// span before, the fixed text after, and no diagnostic left in the fixed code. The fixed code then also generates a
/// sound model (the generator run at the end of each test).
/// </summary>
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
    public Task MakeThePartialClass() => VerifyFix<MakePartialCodeFix>(
        Sources.MnistConvNet.Replace("public partial class MnistConvNet", "public class {|#0:MnistConvNet|}"),
        Expect("MDSL101", "The model class 'MnistConvNet' must be declared 'partial' so ModelDsl can generate its layers and forward"),
        Sources.MnistConvNet);

    [Fact]
    public Task MakeAClassWithoutModifiersPartial() => VerifyFix<MakePartialCodeFix>(
        Sources.MnistConvNet.Replace("public partial class MnistConvNet", "class {|#0:MnistConvNet|}"),
        Expect("MDSL101", "The model class 'MnistConvNet' must be declared 'partial' so ModelDsl can generate its layers and forward"),
        Sources.MnistConvNet.Replace("public partial class MnistConvNet", "partial class MnistConvNet"));

    [Fact]
    public Task InsertFlattenBeforeDense() => VerifyFix<InsertFlattenCodeFix>(
        Sources.MnistConvNet.Replace("[Flatten]\n[Dense(64, Activation.Relu)]", "[{|#0:Dense(64, Activation.Relu)|}]"),
        Expect("MDSL009", "Layer 'dense' (Dense) expects a vector but got input shape (N, 64, 3, 3); insert flatten or globalavgpool2d before it"),
        Sources.MnistConvNet);

    [Fact]
    public Task InsertFlattenInsideASharedAttributeList() => VerifyFix<InsertFlattenCodeFix>(
        Sources.MnistConvNet.Replace("[Flatten]\n[Dense(64, Activation.Relu)]", "[Conv2D(64, 1), {|#0:Dense(64, Activation.Relu)|}]"),
        Expect("MDSL009", "Layer 'dense' (Dense) expects a vector but got input shape (N, 64, 3, 3); insert flatten or globalavgpool2d before it"),
        Sources.MnistConvNet.Replace("[Flatten]\n[Dense(64, Activation.Relu)]", "[Conv2D(64, 1), Flatten, Dense(64, Activation.Relu)]"));

    [Fact]
    public Task UseSamePaddingForAKernelThatNoLongerFits() => VerifyFix<UseSamePaddingCodeFix>(
        Sources.MnistConvNet.Replace("[Conv2D(64, 3, Activation.Relu)]\n[Flatten]", "[Conv2D(64, {|#0:7|}, Activation.Relu)]\n[Flatten]"),
        Expect("MDSL007", "Layer 'conv2d_2' (Conv2D): kernel 7x7 is larger than the padded input 5x5 (input shape (N, 64, 5, 5))"),
        Sources.MnistConvNet.Replace("[Conv2D(64, 3, Activation.Relu)]\n[Flatten]", "[Conv2D(64, 7, Activation.Relu, Padding = Padding.Same)]\n[Flatten]"));

    /// <summary>The SDK's code-fix test, then the generator on the fixed code: a sound model, no errors.</summary>
    private static async Task VerifyFix<TFix>(string source, Microsoft.CodeAnalysis.Testing.DiagnosticResult expected, string fixedSource)
        where TFix : CodeFixProvider, new()
    {
        var test = new ModelCodeFixTest<TFix> { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.Add(expected);
        await test.RunAsync();

        var run = GeneratorHarness.Run(fixedSource);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Empty(run.CompileErrors);
        Assert.DoesNotContain("InvalidOperationException", run.Source("Demo.MnistConvNet.g.cs"));
    }
}
