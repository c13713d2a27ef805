extern alias generator;

using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelDsl.Generators.Tests.Infrastructure;
using TrackingNames = generator::ModelDsl.Generators.TrackingNames;

namespace ModelDsl.Generators.Tests;

/// <summary>Incremental behaviour: tracked steps stay cached on unrelated edits; only an edited model regenerates.</summary>
public class IncrementalTests
{
    private const string TwoModels = """
        using ModelDsl;

        namespace Demo;

        [Model(Input = "1x28x28")]
        [Conv2D(8, 3, Activation.Relu)] [Flatten] [Dense(10, Activation.Softmax)]
        public partial class First { }

        [Model(Input = "1x28x28")]
        [Conv2D(16, 3, Activation.Relu)] [Flatten] [Dense(10, Activation.Softmax)]
        public partial class Second { }
        """;

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun(params (string Path, string Text)[] specs)
    {
        var compilation = GeneratorHarness.Compile(("Models.cs", TwoModels), ("Other.cs", "namespace Demo; public static class Other { public static int Value => 1; }"));
        var driver = GeneratorHarness.CreateDriver(specs.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Text)));
        return (driver.RunGenerators(compilation), compilation);
    }

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path));
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorDriver driver, string step)
        => driver.GetRunResult().Results[0].TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    [Fact]
    public void UnrelatedEditLeavesModelOutputsCached()
    {
        var (driver, compilation) = FirstRun();
        var edited = Replace(compilation, "Other.cs", "namespace Demo; public static class Other { public static int Value => 2; }");
        driver = driver.RunGenerators(edited);

        Assert.All(Reasons(driver, TrackingNames.ClassModels), r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        Assert.All(Reasons(driver, TrackingNames.AttributeOutputs), r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        var outputs = driver.GetRunResult().Results[0].TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason);
        Assert.All(outputs, r => Assert.Contains(r, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void EditingOneModelRegeneratesOnlyThatModel()
    {
        var (driver, compilation) = FirstRun();
        driver = driver.RunGenerators(Replace(compilation, "Models.cs", TwoModels.Replace("[Conv2D(16, 3, Activation.Relu)]", "[Conv2D(32, 3, Activation.Relu)]")));

        var reasons = Reasons(driver, TrackingNames.AttributeOutputs);
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        var second = driver.GetRunResult().Results[0].GeneratedSources.Single(s => s.HintName == "Demo.Second.g.cs").SourceText.ToString();
        Assert.Contains("global::TorchSharp.torch.nn.Conv2d(1, 32, 3)", second);
    }

    [Fact]
    public void MovingAModelInItsSpecFileDoesNotRegenerateIt()
    {
        const string spec = "model A(input = 1x8x8) {\n  conv2d(4, 3) > flatten > dense(2)\n}\nmodel B(input = 1x8x8) {\n  conv2d(4, 3) > flatten > dense(3)\n}\n";
        var specFile = new InMemoryAdditionalText("/specs/two.mdsl", spec);
        var compilation = GeneratorHarness.Compile(("Models.cs", "// none"));
        var driver = GeneratorHarness.CreateDriver(new[] { specFile }).RunGenerators(compilation);
        var editedA = spec.Replace("dense(2)", "dense(5)");
        driver = driver.ReplaceAdditionalText(specFile, new InMemoryAdditionalText("/specs/two.mdsl", editedA)).RunGenerators(compilation);

        var reasons = Reasons(driver, TrackingNames.SpecOutputs);
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void PipelineModelsHoldNoSymbolsOrCompilations()
    {
        var (driver, compilation) = FirstRun(Repo.Zoo("ResNet50"));
        driver = driver.RunGenerators(Replace(compilation, "Other.cs", "namespace Demo; class Other2 { }"));
        var steps = driver.GetRunResult().Results[0].TrackedSteps;
        var checkedSteps = new[] { TrackingNames.ClassModels, TrackingNames.SpecFiles, TrackingNames.BuildOptions, TrackingNames.AttributeOutputs, TrackingNames.SpecOutputs };
        foreach (var name in checkedSteps)
        {
            Assert.True(steps.ContainsKey(name), name);
            foreach (var output in steps[name].SelectMany(s => s.Outputs))
            {
                AssertNoRoslynObjects(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }
    }

    /// <summary>Walks the object graph by reflection; fails on any ISymbol, Compilation, SyntaxNode or SemanticModel.</summary>
    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        Assert.False(value is ISymbol || value is Compilation || value is SyntaxNode || value is SemanticModel || value is SyntaxTree,
            $"{path} holds a {value.GetType().Name}");
        if (!value.GetType().IsValueType && !seen.Add(value)) return;
        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence) AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
        }
        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
            }
        }
    }
}
