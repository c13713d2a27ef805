using ModelDsl.Generators.Tests.Infrastructure;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// The generated forward recognises a ReLU whose value goes to a max pool alone and writes the pair as one
/// call of ModelDsl's fused kernel (<c>Pooling.ReluMaxPool2d</c>: no indices, backward recomputes the argmax);
/// a value read elsewhere keeps its own ReLU line, and pools with padding or a stride other than their window
/// keep TorchSharp's plain calls.
/// </summary>
public class ReluPoolFusionTests
{
    private const string Relu = "global::TorchSharp.torch.nn.functional.relu(";
    private const string Fused = "global::ModelDsl.Runtime.Kernels.Pooling.ReluMaxPool2d(";

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
        var code = Generate("model Net(input = 2x8x8) { conv2d(4, 3, relu) > maxpool2d(2) > flatten > dense(2) }");
        Assert.Contains($"var x = {Fused}Conv2d.forward(input), 2);", code);
        Assert.DoesNotContain(Relu, code);
    }

    [Fact]
    public void StandaloneReluLayerBeforeMaxPoolIsFusedToo()
    {
        var code = Generate("model Net(input = 1x8x8) { conv2d(4, 3) > relu > maxpool2d(2) > flatten > dense(2) }");
        Assert.Contains($"x = {Fused}x, 2);", code);
    }

    [Fact]
    public void ReluReadByTwoBranchesIsNotFused()
    {
        var code = Generate("model Net(input = 2x8x8) { conv2d(4, 3, relu) > fork concat(axis=1) { maxpool2d(2) } { avgpool2d(2) } > flatten > dense(2) }");
        Assert.DoesNotContain(Fused, code);
        Assert.Contains($" = {Relu}Conv2d.forward(input));", code);
    }

    [Fact]
    public void OtherActivationsAndAveragePoolingAreLeftAlone()
    {
        var code = Generate("model Net(input = 1x8x8) { conv2d(4, 3, tanh) > maxpool2d(2) > conv2d(4, 1, relu) > avgpool2d(1) > flatten > dense(2) }");
        Assert.DoesNotContain(Fused, code);
    }

    [Fact]
    public void PoolsTheKernelCannotStandForKeepTorchSharpsCalls()
    {
        // Stride 1 (overlapping windows) and Keras 'same' padding: the plain composition.
        var strided = Generate("model Net(input = 2x8x8) { conv2d(4, 3, relu) > maxpool2d(2, stride=1) > flatten > dense(2) }");
        Assert.DoesNotContain(Fused, strided);
        Assert.Contains($" = {Relu}Conv2d.forward(input));", strided);
        var padded = Generate("model Net(input = 1x7x7) { conv2d(4, 1, relu) > maxpool2d(2, padding=same) > flatten > dense(2) }");
        Assert.DoesNotContain(Fused, padded);
    }

    [Fact]
    public void SingleChannelInputConvolutionUsesTheWeightGradientKernel()
    {
        var code = Generate("model Net(input = 1x8x8) { conv2d(4, 3) > conv2d(4, 3) > flatten > dense(2) }");
        Assert.Contains("var x = global::ModelDsl.Runtime.Kernels.Convolution.InputConv2d(input, Conv2d.weight!, Conv2d.bias);", code);
        Assert.Contains("x = Conv2d1.forward(x);", code);
    }

    [Fact]
    public void FusedAndPlainFormsComputeTheSameValuesAndGradients()
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        var x = TorchSharp.torch.randn(2, 3, 9, 8, requires_grad: true);
        using var pool = TorchSharp.torch.nn.MaxPool2d(2);
        var fused = ModelDsl.Runtime.Kernels.Pooling.ReluMaxPool2d(x, 2);
        var fusedGrad = TorchSharp.torch.autograd.grad(new[] { fused.sum() }, new[] { x })[0];
        var plain = TorchSharp.torch.nn.functional.relu(pool.forward(x));
        var plainGrad = TorchSharp.torch.autograd.grad(new[] { plain.sum() }, new[] { x })[0];
        Assert.True(fused.eq(plain).all().item<bool>());
        Assert.True(fusedGrad.eq(plainGrad).all().item<bool>());
    }
}
