using ModelDsl.Generators.Tests.Infrastructure;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// The generated Forward pools a ReLU'd value with <c>MaxPool2d.ForwardRelu</c> (one pass, same values and
/// gradients) only where the ReLU's output goes to the pool alone; a value read elsewhere keeps its ReLU.
/// </summary>
public class ReluPoolFusionTests
{
    private static string Generate(string spec)
    {
        var source = $$"""
            using ModelDsl;
            namespace Demo;
            [Model]
            [InlineSpec("{{spec}}")]
            public partial class Net { }
            """;
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        return run.Source("Demo.Net.g.cs");
    }

    [Fact]
    public void ConvReluThenMaxPoolBecomesOneCall()
    {
        var code = Generate("model Net(input = 1x8x8) { conv2d(4, 3, relu) > maxpool2d(2) > flatten > dense(2) }");
        Assert.Contains("var x = MaxPooling2d.ForwardRelu(Conv2d.Forward(input));", code);
        Assert.DoesNotContain("Functional.Relu(", code);
    }

    [Fact]
    public void StandaloneReluLayerBeforeMaxPoolIsFusedToo()
    {
        var code = Generate("model Net(input = 1x8x8) { conv2d(4, 3) > relu > maxpool2d(2) > flatten > dense(2) }");
        Assert.Contains("x = MaxPooling2d.ForwardRelu(x);", code);
    }

    [Fact]
    public void ReluReadByTwoBranchesIsNotFused()
    {
        var code = Generate("model Net(input = 1x8x8) { conv2d(4, 3, relu) > fork concat(axis=1) { maxpool2d(2) } { avgpool2d(2) } > flatten > dense(2) }");
        Assert.DoesNotContain("ForwardRelu", code);
        Assert.Contains("Functional.Relu(Conv2d.Forward(input))", code);
    }

    [Fact]
    public void OtherActivationsAndAveragePoolingAreLeftAlone()
    {
        var code = Generate("model Net(input = 1x8x8) { conv2d(4, 3, tanh) > maxpool2d(2) > conv2d(4, 1, relu) > avgpool2d(1) > flatten > dense(2) }");
        Assert.DoesNotContain("ForwardRelu", code);
    }
}
