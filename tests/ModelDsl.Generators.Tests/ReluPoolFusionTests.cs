using ModelDsl.Generators.Tests.Infrastructure;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// The generated forward recognises a ReLU whose value goes to a max pool alone and writes the pair as one
/// fused call (for now TorchSharp's plain <c>pool.forward(relu(e))</c>, until a fused kernel exists); a value
/// read elsewhere keeps its own ReLU line.
/// </summary>
public class ReluPoolFusionTests
{
    private const string Relu = "global::TorchSharp.torch.nn.functional.relu(";

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
        Assert.Contains($"var x = MaxPooling2d.forward({Relu}Conv2d.forward(input)));", code);
        Assert.DoesNotContain("= " + Relu, code);
    }

    [Fact]
    public void StandaloneReluLayerBeforeMaxPoolIsFusedToo()
    {
        var code = Generate("model Net(input = 1x8x8) { conv2d(4, 3) > relu > maxpool2d(2) > flatten > dense(2) }");
        Assert.Contains($"x = MaxPooling2d.forward({Relu}x));", code);
    }

    [Fact]
    public void ReluReadByTwoBranchesIsNotFused()
    {
        var code = Generate("model Net(input = 1x8x8) { conv2d(4, 3, relu) > fork concat(axis=1) { maxpool2d(2) } { avgpool2d(2) } > flatten > dense(2) }");
        Assert.DoesNotContain(".forward(" + Relu, code);
        Assert.Contains($" = {Relu}Conv2d.forward(input));", code);
    }

    [Fact]
    public void OtherActivationsAndAveragePoolingAreLeftAlone()
    {
        var code = Generate("model Net(input = 1x8x8) { conv2d(4, 3, tanh) > maxpool2d(2) > conv2d(4, 1, relu) > avgpool2d(1) > flatten > dense(2) }");
        Assert.DoesNotContain(".forward(" + Relu, code);
    }

    [Fact]
    public void FusedAndPlainFormsComputeTheSameValuesAndGradients()
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var x = TorchSharp.torch.randn(2, 3, 8, 8, requires_grad: true);
        using var pool = TorchSharp.torch.nn.MaxPool2d(2);
        var fused = pool.forward(TorchSharp.torch.nn.functional.relu(x));
        var fusedGrad = TorchSharp.torch.autograd.grad(new[] { fused.sum() }, new[] { x })[0];
        var plain = TorchSharp.torch.nn.functional.relu(pool.forward(x));
        var plainGrad = TorchSharp.torch.autograd.grad(new[] { plain.sum() }, new[] { x })[0];
        Assert.True(fused.eq(plain).all().item<bool>());
        Assert.True(fusedGrad.eq(plainGrad).all().item<bool>());
    }
}
