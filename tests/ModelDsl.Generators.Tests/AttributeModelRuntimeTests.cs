using ModelDsl.Generators.Tests.Models;
using static TorchSharp.torch;

namespace ModelDsl.Generators.Tests;

/// <summary>A model declared with attributes, blocks, a residual add and a concat, run for real.</summary>
public class AttributeModelRuntimeTests
{
    [Fact]
    public void TensorsAddUpToTheSummaryAndForwardHasTheDeclaredShape()
    {
        using var model = new TinyResNet();
        Assert.Equal(TinyResNet.Summary.TorchParams, model.parameters().Sum(p => p.numel()));
        Assert.Equal(TinyResNet.Summary.TorchBufferElements, model.buffers().Sum(b => b.numel()));
        Assert.Contains(model.state_dict().Keys, k => k.StartsWith("stage1.1.", StringComparison.Ordinal));
        Assert.Contains(model.state_dict().Keys, k => k.StartsWith("stage2.", StringComparison.Ordinal));

        using var scope = NewDisposeScope();
        foreach (var training in new[] { true, false })
        {
            model.train(training);
            var output = model.forward(rand(2, 3, 32, 32));
            Assert.Equal(new long[] { 2, 10 }, output.shape);
            var sums = output.sum(1).data<float>().ToArray();
            Assert.All(sums, s => Assert.InRange(s, 0.999f, 1.001f)); // softmax rows
        }
    }
}
