using ModelDsl.Generators.Tests.Models;
using ModelDsl.Torch;

namespace ModelDsl.Generators.Tests;

/// <summary>A model declared with attributes, blocks, a residual add and a concat, run for real.</summary>
public class AttributeModelRuntimeTests
{
    [Fact]
    public void TensorsAddUpToTheSummaryAndForwardHasTheDeclaredShape()
    {
        using var model = new TinyResNet();
        Assert.Equal(TinyResNet.Summary.TorchParams, model.NamedParameters().Sum(p => p.Value.Numel));
        Assert.Equal(TinyResNet.Summary.TorchBufferElements, model.NamedBuffers().Sum(b => b.Value.Numel));
        Assert.Contains(model.StateDict().Keys, k => k.StartsWith("stage1.1.", StringComparison.Ordinal));
        Assert.Contains(model.StateDict().Keys, k => k.StartsWith("stage2.", StringComparison.Ordinal));

        using var scope = DisposeScope.Begin();
        foreach (var training in new[] { true, false })
        {
            model.Train(training);
            var output = model.Forward(Tensor.Rand(2, 3, 32, 32));
            Assert.Equal(new long[] { 2, 10 }, output.Shape);
            var sums = output.Sum(1).ToArray<float>();
            Assert.All(sums, s => Assert.InRange(s, 0.999f, 1.001f)); // softmax rows
        }
    }
}
