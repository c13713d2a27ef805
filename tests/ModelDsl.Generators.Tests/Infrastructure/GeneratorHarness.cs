extern alias generator;

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ModelAnalyzer = generator::ModelDsl.Generators.ModelAnalyzer;
using ModelGenerator = generator::ModelDsl.Generators.ModelGenerator;

namespace ModelDsl.Generators.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="ModelGenerator"/> and then <see cref="ModelAnalyzer"/> over in-memory sources and .mdsl texts, as
/// the compiler does in a build (analyzers see the generated code too).
/// </summary>
public static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>The metadata references every test compilation uses (.NET, Abstractions, TorchSharp, Runtime, Spec).</summary>
    public static ImmutableArray<MetadataReference> MetadataReferences => References.Value;

    /// <summary>The parse options every test uses.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>A compilation of <paramref name="sources"/> (path, text) against the .NET runtime, Abstractions, TorchSharp and ModelDsl.Runtime.</summary>
    public static CSharpCompilation Compile(params (string Path, string Text)[] sources)
        => CSharpCompilation.Create(
            "TestModels",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A driver with incremental step tracking on.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText>? additional = null, string rootNamespace = "TestApp")
        => CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            additional ?? Array.Empty<AdditionalText>(),
            ParseOptions,
            new TestOptions(rootNamespace),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; returns the result and the compilation including the generated code.</summary>
    public static GeneratorRun Run(string source, params (string Path, string Text)[] specs)
        => Run(new[] { ("Models.cs", source) }, specs);

    /// <summary>Runs the generator once over several C# files.</summary>
    public static GeneratorRun Run((string Path, string Text)[] sources, (string Path, string Text)[] specs, string rootNamespace = "TestApp")
    {
        var compilation = Compile(sources);
        var additional = specs.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Text)).ToImmutableArray();
        var driver = CreateDriver(additional, rootNamespace);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var analyzerDiagnostics = Analyze(output, additional);
        return new GeneratorRun(driver.GetRunResult(), output, generatorDiagnostics, analyzerDiagnostics);
    }

    /// <summary>The analyzer's diagnostics on <paramref name="compilation"/> with <paramref name="additional"/> as AdditionalFiles.</summary>
    public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, ImmutableArray<AdditionalText> additional)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additional), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ModelAnalyzer()), options);
        var result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
        // An analyzer that throws is a test failure, not a silently missing diagnostic (AD0001).
        var failures = result.GetAllDiagnostics().Where(d => d.Id == "AD0001").ToList();
        if (failures.Count > 0) throw new InvalidOperationException("The analyzer threw: " + string.Join("; ", failures.Select(f => f.GetMessage())));
        return result.GetAllDiagnostics().Where(d => d.Id != "AD0001").ToImmutableArray();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var paths = tpa.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Concat(new[]
            {
                typeof(ModelDsl.ModelAttribute).Assembly.Location,
                typeof(TorchSharp.torch).Assembly.Location,
                typeof(ModelDsl.Runtime.InputGuard).Assembly.Location,
                typeof(ModelDsl.Spec.Text.SourceSpan).Assembly.Location,
            })
            .Distinct();
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    private sealed class TestOptions(string rootNamespace) : AnalyzerConfigOptionsProvider
    {
        private readonly Options global = new(new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace });
        private static readonly Options Empty = new(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}

/// <summary>An .mdsl file handed to the generator as an AdditionalFile.</summary>
public sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText source = SourceText.From(text);

    /// <inheritdoc />
    public override string Path { get; } = path;

    /// <inheritdoc />
    public override SourceText GetText(CancellationToken cancellationToken = default) => source;
}

/// <summary>One generator run: its result, the updated compilation, and the generator's and the analyzer's diagnostics.</summary>
public sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> AnalyzerDiagnostics)
{
    /// <summary>Everything a build would print from ModelDsl: the generator's diagnostics and the analyzer's.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => GeneratorDiagnostics.AddRange(AnalyzerDiagnostics);

    /// <summary>The generated source of that hint name.</summary>
    public string Source(string hintName)
        => Result.Results.SelectMany(r => r.GeneratedSources).Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>All generated hint names.</summary>
    public IReadOnlyList<string> HintNames => Result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).ToList();

    /// <summary>Compiler errors of the compilation with the generated code (there should be none).</summary>
    public IReadOnlyList<Diagnostic> CompileErrors => Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
}
