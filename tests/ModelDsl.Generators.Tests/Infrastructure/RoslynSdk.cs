extern alias generator;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using ModelAnalyzer = generator::ModelDsl.Generators.ModelAnalyzer;

namespace ModelDsl.Generators.Tests.Infrastructure;

/// <summary>
/// The Roslyn SDK's analyzer and code-fix test drivers, set up for ModelDsl: the references are the test
/// harness's own assemblies (so nothing is downloaded: <see cref="ReferenceAssemblies"/> names a framework without a
/// reference-assembly package), and generated sources are the generator tests' concern.
/// </summary>
public static class RoslynSdk
{
    /// <summary>No reference-assembly package: the .NET assemblies come from <see cref="GeneratorHarness.MetadataReferences"/>.</summary>
    public static ReferenceAssemblies NoPackages { get; } = new("net10.0");

    /// <summary>Adds the harness's references to <paramref name="state"/>.</summary>
    public static void AddReferences(SolutionState state)
    {
        foreach (var reference in GeneratorHarness.MetadataReferences) state.AdditionalReferences.Add(reference);
    }

    /// <summary>A <see cref="DiagnosticResult"/> for a ModelDsl id at markup location <c>{|#0:...|}</c>, message checked.</summary>
    public static DiagnosticResult Expect(string id, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error)
        => new DiagnosticResult(id, severity).WithLocation(0).WithMessage(message);
}

/// <summary><see cref="ModelAnalyzer"/> under the SDK's analyzer test.</summary>
public sealed class ModelAnalyzerTest : CSharpAnalyzerTest<ModelAnalyzer, DefaultVerifier>
{
    /// <summary>A test with ModelDsl's references.</summary>
    public ModelAnalyzerTest()
    {
        ReferenceAssemblies = RoslynSdk.NoPackages;
        RoslynSdk.AddReferences(TestState);
    }
}

/// <summary>A code fix applied to <see cref="ModelAnalyzer"/>'s diagnostic under the SDK's code-fix test.</summary>
/// <typeparam name="TCodeFix">The fix.</typeparam>
public sealed class ModelCodeFixTest<TCodeFix> : CSharpCodeFixTest<ModelAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>A test with ModelDsl's references (the fixed state inherits them).</summary>
    public ModelCodeFixTest()
    {
        ReferenceAssemblies = RoslynSdk.NoPackages;
        RoslynSdk.AddReferences(TestState);
    }
}
