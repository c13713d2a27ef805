extern alias generator;

using Microsoft.CodeAnalysis;
using ModelDsl.Generators.Tests.Infrastructure;

namespace ModelDsl.Generators.Tests;

/// <summary>Diagnostics: id, message and the exact span, in C# attributes and in .mdsl files.</summary>
public class DiagnosticTests
{
    /// <summary>The one diagnostic of <paramref name="id"/>; it comes from the analyzer, and the generator reports nothing.</summary>
    private static Diagnostic Single(GeneratorRun run, string id)
    {
        Assert.Empty(run.GeneratorDiagnostics);
        var matching = run.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got: {string.Join("; ", run.Diagnostics)}");
        return matching[0];
    }

    /// <summary>A model with errors still gets its class, which compiles and names the error where forward throws.</summary>
    private static void AssertErrorModel(GeneratorRun run, string hint, Diagnostic error)
    {
        Assert.Contains(hint, run.HintNames);
        var source = run.Source(hint);
        Assert.Contains("throw new global::System.InvalidOperationException(SummaryText);", source);
        Assert.Contains(error.Id + ": " + error.GetMessage().Replace("\"", "\\\""), source);
        Assert.Empty(run.CompileErrors);
    }

    private static string SpanText(Diagnostic diagnostic)
        => diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);

    [Fact]
    public void KernelThatNoLongerFitsPointsAtTheKernelArgument()
    {
        var source = Sources.MnistConvNet.Replace("[Conv2D(64, 3, Activation.Relu)]\n[Flatten]", "[Conv2D(64, 6, Activation.Relu)]\n[Flatten]");
        Assert.NotEqual(Sources.MnistConvNet, source);
        var run = GeneratorHarness.Run(source);
        var d = Single(run, "MDSL007");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("6", SpanText(d));
        Assert.Equal("Layer 'conv2d_2' (Conv2D): kernel 6x6 is larger than the padded input 5x5 (input shape (N, 64, 5, 5))", d.GetMessage());
        var line = d.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((9, 12), (line.Line, line.Character));
        AssertErrorModel(run, "Demo.MnistConvNet.g.cs", d);
    }

    [Fact]
    public void DenseAfterConvolutionWithoutFlattenPointsAtTheDenseAttribute()
    {
        var source = Sources.MnistConvNet.Replace("[Flatten]\n", "");
        var run = GeneratorHarness.Run(source);
        var d = Single(run, "MDSL009");
        Assert.Equal("Dense(64, Activation.Relu)", SpanText(d));
        Assert.Equal("Layer 'dense' (Dense) expects a vector but got input shape (N, 64, 3, 3); insert flatten or globalavgpool2d before it", d.GetMessage());
    }

    [Fact]
    public void ClassMustBePartial()
    {
        var run = GeneratorHarness.Run(Sources.MnistConvNet.Replace("public partial class", "public class"));
        var d = Single(run, "MDSL101");
        Assert.Equal("MnistConvNet", SpanText(d));
        Assert.Equal("The model class 'MnistConvNet' must be declared 'partial' so ModelDsl can generate its layers and forward", d.GetMessage());
        Assert.Empty(run.HintNames);
    }

    [Fact]
    public void StaticClassIsNotAModel()
    {
        var run = GeneratorHarness.Run(Sources.MnistConvNet.Replace("public partial class MnistConvNet { }", "public static partial class MnistConvNet { }"));
        var d = Single(run, "MDSL102");
        Assert.Equal("MnistConvNet", SpanText(d));
        Assert.Equal("'MnistConvNet' cannot be a model: a static class has no instances", d.GetMessage());
    }

    [Fact]
    public void SpecNameNotFoundPointsAtTheName()
    {
        const string source = """
            using ModelDsl;
            namespace Demo;
            [Model]
            [ModelSpec("ResNet05")]
            public partial class Net { }
            """;
        var run = GeneratorHarness.Run(source, Repo.Zoo("ResNet50"));
        var d = Single(run, "MDSL104");
        Assert.Equal("ResNet05", SpanText(d));
        Assert.Equal("No model named 'ResNet05' in the project's .mdsl AdditionalFiles (available: ResNet50)", d.GetMessage());
    }

    [Fact]
    public void UseOfANonBlockClassIsMisuse()
    {
        const string source = """
            using ModelDsl;
            namespace Demo;
            public sealed class Helper { }
            [Model(Input = "1x28x28")]
            [Use(typeof(Helper))]
            public partial class Net { }
            """;
        var run = GeneratorHarness.Run(source);
        var d = Single(run, "MDSL103");
        Assert.Equal("typeof(Helper)", SpanText(d));
        Assert.Equal("[Use] names 'Helper', which is not a [Block] class", d.GetMessage());
    }

    [Fact]
    public void UnknownBlockParameterPointsAtTheExpression()
    {
        const string source = """
            using ModelDsl;
            namespace Demo;
            [Block("width")]
            [Conv2D("widht * 2", 3)]
            public sealed class Stage { }
            [Model(Input = "3x32x32")]
            [Use(typeof(Stage), 16)]
            public partial class Net { }
            """;
        var run = GeneratorHarness.Run(source);
        var d = Single(run, "MDSL014");
        Assert.Equal("\"widht * 2\"", SpanText(d));
        Assert.Equal("Unknown identifier 'widht'", d.GetMessage());
    }

    [Fact]
    public void BadInputShapeIsReportedInTheInputString()
    {
        var run = GeneratorHarness.Run(Sources.MnistConvNet.Replace("\"1x28x28\"", "\"1x28xx28\""));
        var d = Single(run, "MDSL003");
        Assert.Equal("1x28xx28", SpanText(d));
    }

    [Fact]
    public void SoftmaxInTheMiddleIsAWarningAndCodeIsStillGenerated()
    {
        var run = GeneratorHarness.Run(Sources.MnistConvNet.Replace("[Dense(64, Activation.Relu)]", "[Dense(64, Activation.Softmax)]"));
        var d = Single(run, "MDSL012");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal("Dense(64, Activation.Softmax)", SpanText(d));
        Assert.Contains("Demo.MnistConvNet.g.cs", run.HintNames);
        Assert.Empty(run.CompileErrors);
    }

    [Fact]
    public void SpecFileErrorIsReportedAtItsLineAndColumn()
    {
        const string spec = """
            model Tiny(input = 1x28x28) {
              conv2d(8, 3, relu) > maxpool2d(2)
              conv2d(8, 30)
              flatten > dense(10, softmax)
            }
            """;
        var run = GeneratorHarness.Run("// none", ("/specs/tiny.mdsl", spec));
        var d = Single(run, "MDSL007");
        var span = d.Location.GetLineSpan();
        Assert.Equal("/specs/tiny.mdsl", span.Path);
        Assert.Equal(2, span.StartLinePosition.Line);
        Assert.Equal(2, span.StartLinePosition.Character);
        Assert.Contains("kernel 30x30", d.GetMessage());
        AssertErrorModel(run, "TestApp.Tiny.mdsl.g.cs", d);
    }

    [Fact]
    public void InlineSpecErrorLandsInsideTheStringLiteral()
    {
        const string source = """
            using ModelDsl;
            namespace Demo;
            [Model]
            [InlineSpec("model Net(input = 1x8x8) { conv2d(4, 9) > flatten > dense(2) }")]
            public partial class Net { }
            """;
        var run = GeneratorHarness.Run(source);
        var d = Single(run, "MDSL007");
        Assert.StartsWith("conv2d(4, 9)", SpanText(d));
    }

    [Fact]
    public void MalformedInputsNeverCrashTheGenerator()
    {
        var mutations = new[]
        {
            "[Conv2D(-3, 0)]", "[Dense(0)]", "[MaxPool2D(100)]", "[Reshape(7, 7, 7)]", "[Use(typeof(string))]",
            "[Dropout(1.5)]", "[Add]", "[Branch(\"x\")]", "[Conv2D(\"(\", 3)]", "[ZeroPadding2D(-1)]",
            "[Chunk(3, 5)]", "[ChannelShuffle(7)]", "[AdaptiveAvgPool2D()]", "[AdaptiveMaxPool2D(0, 2)]", "[StochasticDepth(1.5)]",
            "[Multiply]", "[MaxPool2D(9, CeilMode = true)]",
        };
        foreach (var mutation in mutations)
        {
            var run = GeneratorHarness.Run(Sources.MnistConvNet.Replace("[Flatten]", mutation + "\n[Flatten]"));
            Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8785" or "MDSL199");
            Assert.True(run.Diagnostics.Any(d => d.Id.StartsWith("MDSL", StringComparison.Ordinal)) || run.CompileErrors.Count > 0, mutation);
        }
    }

    /// <summary>A spec file's single diagnostic of <paramref name="id"/>, with the text it covers.</summary>
    private static (Diagnostic Diagnostic, string Text) InSpec(string spec, string id)
    {
        var run = GeneratorHarness.Run("// none", ("/specs/t.mdsl", spec));
        var d = Single(run, id);
        Assert.Equal("/specs/t.mdsl", d.Location.GetLineSpan().Path);
        if (d.Severity == DiagnosticSeverity.Error) AssertErrorModel(run, "TestApp.M.mdsl.g.cs", d);
        return (d, spec.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length));
    }

    private static (int Line, int Column) Start(Location location)
    {
        var start = location.GetLineSpan().StartLinePosition;
        return (start.Line + 1, start.Character + 1);
    }

    [Fact]
    public void IndexOutOfRangeInASpecPointsAtTheIndexing()
    {
        var (d, text) = InSpec("model M(input = 1x8x8, cfg = [1, 2]) {\n  conv2d(cfg[2], 1)\n}\n", "MDSL025");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Equal("Index 2 is out of range for 2 items", d.GetMessage());
        Assert.Equal((2, 14), Start(d.Location));
        Assert.Equal("2", text);
        Assert.Empty(d.AdditionalLocations);
    }

    [Fact]
    public void MultiplyInputsThatDoNotBroadcastPointAtTheMerge()
    {
        var (d, text) = InSpec("model M(input = 4x8x8) {\n  fork mul { } { conv2d(3, 1) }\n}\n", "MDSL026");
        Assert.Equal("Layer 'multiply' (Multiply): input shapes (N, 4, 8, 8) and (N, 3, 8, 8) do not broadcast", d.GetMessage());
        Assert.Equal((2, 8), Start(d.Location));
        Assert.Equal("mul", text);
    }

    [Fact]
    public void MultiplyMismatchInAnInlineSpecLandsInsideTheLiteral()
    {
        const string source = """
            using ModelDsl;
            namespace Demo;
            [Model]
            [InlineSpec("model Net(input = 4x8x8) { fork mul { } { conv2d(3, 1) } }")]
            public partial class Net { }
            """;
        var run = GeneratorHarness.Run(source);
        var d = Single(run, "MDSL026");
        Assert.Equal("mul", SpanText(d));
        Assert.Equal((4, 46), Start(d.Location));
    }

    [Fact]
    public void MultiplyWhoseBranchesDoNotBroadcastInAttributesPointsAtTheMultiplyAttribute()
    {
        const string source = """
            using ModelDsl;
            namespace Demo;
            [Block]
            [Branch("scale")] [Conv2D(3, 1)]
            [Multiply]
            public sealed class Gate { }
            [Model(Input = "4x8x8")]
            [Use(typeof(Gate))]
            public partial class Net { }
            """;
        var run = GeneratorHarness.Run(source);
        var d = Single(run, "MDSL026");
        Assert.Equal("Multiply", SpanText(d));
        Assert.Equal("Layer 'multiply' (Multiply): input shapes (N, 4, 8, 8) and (N, 3, 8, 8) do not broadcast", d.GetMessage());
        Assert.Equal((5, 2), Start(d.Location));
    }

    [Fact]
    public void DefaultsWithPositionalArgumentsPointAtTheArgument()
    {
        var (d, text) = InSpec("defaults batchnorm(0.1)\nmodel M(input = 4x8x8) { batchnorm }\n", "MDSL027");
        Assert.Equal("defaults batchnorm: arguments must be named (defaults batchnorm(eps=0.00001))", d.GetMessage());
        Assert.Equal((1, 20), Start(d.Location));
        Assert.Equal("0.1", text);
    }

    [Fact]
    public void UnknownLayerMessageEndsWithTheSuggestion()
    {
        var (d, text) = InSpec("model M(input = 1x8x8) {\n  maxpol2d(2)\n}\n", "MDSL002");
        Assert.Equal("Unknown layer 'maxpol2d'; did you mean 'maxpool2d'?", d.GetMessage());
        Assert.Equal((2, 3), Start(d.Location));
        Assert.Equal("maxpol2d", text);
        // The suggestion is at the diagnostic's own place: text, not another location.
        Assert.Empty(d.AdditionalLocations);
        Assert.Equal("https://github.com/modeldsl/modeldsl/blob/main/docs/mdsl-reference.md#mdsl002", d.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void ErrorInsideABlockHasTheCallSiteAsAdditionalLocation()
    {
        const string spec = "block B(c) {\n  conv2d(c, 9)\n}\nmodel M(input = 1x4x4) {\n  B(2)\n}\n";
        var (d, _) = InSpec(spec, "MDSL007");
        Assert.Equal((2, 3), Start(d.Location));
        Assert.Equal("Layer 'conv2d' (Conv2D): kernel 9x9 is larger than the padded input 4x4 (input shape (N, 1, 4, 4))", d.GetMessage());
        var call = Assert.Single(d.AdditionalLocations);
        Assert.Equal("/specs/t.mdsl", call.GetLineSpan().Path);
        Assert.Equal((5, 3), Start(call));
        Assert.Equal("B", spec.Substring(call.SourceSpan.Start, call.SourceSpan.Length));
    }

    [Fact]
    public void DiagnosticsWithoutNotesKeepTheirMessageAndHaveNoAdditionalLocations()
    {
        var run = GeneratorHarness.Run(Sources.MnistConvNet.Replace("[Flatten]\n", ""));
        var d = Single(run, "MDSL009");
        Assert.Empty(d.AdditionalLocations);
        Assert.EndsWith("insert flatten or globalavgpool2d before it", d.GetMessage());
    }

    [Theory]
    [InlineData("MDSL025")]
    [InlineData("MDSL026")]
    [InlineData("MDSL027")]
    [InlineData("MDSL028")]
    public void NewSpecIdsAreReportedWithTheCataloguesTextAndTracked(string id)
    {
        var descriptor = Assert.Single(generator::ModelDsl.Generators.Diagnostics.DiagnosticDescriptors.All, d => d.Id == id);
        var spec = Assert.Single(ModelDsl.Spec.Diagnostics.DiagnosticCatalog.All, d => d.Id == id);
        Assert.Equal(spec.Title, descriptor.Title.ToString());
        Assert.Equal(spec.MessageFormat, descriptor.MessageFormat.ToString());
        Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
        var releases = File.ReadAllText(Path.Combine(Repo.Root, "generators", "ModelDsl.Generators", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains(id + " | ModelDsl | Error | " + spec.Title, releases);
    }
}
