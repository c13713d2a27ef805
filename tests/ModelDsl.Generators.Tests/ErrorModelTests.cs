using ModelDsl.Generators.Tests.Infrastructure;
using ModelDsl.Generators.Tests.Models;
using ModelDsl.Runtime;
using static TorchSharp.torch;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// A model with errors still gets its class: members as far as they can be derived, a constructor, the summary
/// members, and a <c>forward</c> that throws naming each error, so code using the model shows only the model's own
/// diagnostics (no CS0117/CS0246 cascade).
/// </summary>
public class ErrorModelTests
{
    private static readonly string WithoutFlatten = Sources.MnistConvNet.Replace("[Flatten]\n", "");

    private const string Usage = """
        using ModelDsl.Runtime;
        using static TorchSharp.torch;

        namespace Demo;

        public static class Usage
        {
            public static Tensor Run(Tensor x)
            {
                using var model = new MnistConvNet();
                var conv = model.Conv2d;
                var head = model.Dense1;
                ILogitsModule logits = model;
                System.Console.WriteLine(MnistConvNet.SummaryText + MnistConvNet.InputShape.Count + MnistConvNet.OutputShape.Count);
                return model.forward(x) + logits.ForwardLogits(x);
            }
        }
        """;

    [Fact]
    public void ClassOfAModelWithAnError()
    {
        var run = GeneratorHarness.Run(WithoutFlatten);
        Assert.Equal("MDSL009", Assert.Single(run.Diagnostics).Id);
        Assert.Empty(run.CompileErrors);
        Snapshot.Verify(run.Source("Demo.MnistConvNet.g.cs"), "Demo.MnistConvNet.g.cs");
    }

    [Fact]
    public void CodeUsingAModelWithAnErrorShowsOnlyThatError()
    {
        var run = GeneratorHarness.Run(new[] { ("Models.cs", WithoutFlatten), ("Usage.cs", Usage) }, Array.Empty<(string, string)>());
        var only = Assert.Single(run.Diagnostics);
        Assert.Equal("MDSL009", only.Id);
        Assert.Equal("Models.cs", only.Location.GetLineSpan().Path);
        Assert.Empty(run.CompileErrors);

        // The same usage against a sound model also compiles: the error model has the sound model's members.
        var sound = GeneratorHarness.Run(new[] { ("Models.cs", Sources.MnistConvNet), ("Usage.cs", Usage) }, Array.Empty<(string, string)>());
        Assert.Empty(sound.Diagnostics);
        Assert.Empty(sound.CompileErrors);
    }

    [Fact]
    public void SpecModelWithAnErrorStillGetsItsClass()
    {
        const string spec = "model Tiny(input = 1x8x8) {\n  conv2d(4, 3) > maxpool2d(2)\n  conv2d(8, 5)\n  flatten > dense(10, softmax)\n}\n";
        var run = GeneratorHarness.Run("namespace TestApp; static class Use { static object M() => new Tiny().Conv2d; }", ("/specs/tiny.mdsl", spec));
        Assert.Equal("MDSL007", Assert.Single(run.Diagnostics).Id);
        Assert.Empty(run.CompileErrors);
        var source = run.Source("TestApp.Tiny.mdsl.g.cs");
        Assert.Contains("MDSL007: Layer 'conv2d_1' (Conv2D): kernel 5x5 is larger than the padded input 3x3 (input shape (N, 4, 3, 3))", source);
        Assert.Contains("Conv2d = global::TorchSharp.torch.nn.Conv2d(1, 4, 3);", source);
        Assert.Contains("Conv2d1 = null!;", source);
    }

    [Fact]
    public void ForwardThrowsNamingTheDiagnostic()
    {
        using var model = new DenseWithoutFlatten();
        const string error = "MDSL009: Layer 'dense' (Dense) expects a vector but got input shape (N, 4, 6, 6); insert flatten or globalavgpool2d before it";
        using var scope = NewDisposeScope();
        var thrown = Assert.Throws<InvalidOperationException>(() => model.forward(rand(2, 1, 8, 8)));
        Assert.Contains(error, thrown.Message);
        Assert.Contains("DenseWithoutFlatten", thrown.Message);
        Assert.Contains(error, Assert.Throws<InvalidOperationException>(() => ((ILogitsModule)model).ForwardLogits(rand(2, 1, 8, 8))).Message);
        Assert.Contains(error, Assert.Throws<InvalidOperationException>(() => DenseWithoutFlatten.Summary).Message);
        Assert.Contains(error, DenseWithoutFlatten.SummaryText);

        // The convolution before the error is built and registered; the layer at the error is declared but not built.
        Assert.NotNull(model.Conv2d);
        Assert.Null(model.Dense);
        Assert.Equal(new[] { "conv2d.bias", "conv2d.weight" }, model.state_dict().Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(new long[] { 1, 8, 8 }, DenseWithoutFlatten.InputShape);
        Assert.Empty(DenseWithoutFlatten.OutputShape);
    }
}
