using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Inference;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Tests;

/// <summary>The attribute front end's path: build a sequential graph by hand and infer it.</summary>
public class GraphBuilderTests
{
    private static Conv2DLayer Conv(int f) => new(f, IntPair.Square(3), IntPair.Square(1), Padding.Valid, IntPair.Square(1), 1, true, ActivationKind.Relu);

    private static MaxPool2DLayer Pool() => new(IntPair.Square(2), IntPair.Square(2), Padding.Valid);

    [Fact]
    public void SeedConvnetBuiltByHandHasKerasCounts()
    {
        var b = new ModelGraphBuilder("Mnist", SourceSpan.None);
        b.AddInput(TensorShape.Of(1, 28, 28), SourceSpan.None);
        b.Add(Conv(32), SourceSpan.None);
        b.Add(Pool(), SourceSpan.None);
        b.Add(Conv(64), SourceSpan.None);
        b.Add(Pool(), SourceSpan.None);
        b.Add(Conv(64), SourceSpan.None);
        b.Add(new FlattenLayer(), SourceSpan.None);
        b.Add(new DenseLayer(64, ActivationKind.Relu, true), SourceSpan.None);
        b.Add(new DenseLayer(10, ActivationKind.Softmax, true), SourceSpan.None);
        var result = ShapeInference.Infer(b.Build());

        Assert.Empty(result.Diagnostics);
        Assert.Equal(93322, result.KerasTotalParams);
        Assert.Equal(new long[] { 0, 320, 0, 18496, 0, 36928, 0, 36928, 650 }, result.Nodes.Select(n => n.KerasParams));
        Assert.Equal("(None, 3, 3, 64)", result.Nodes[5].OutputShape!.ToKerasString());
        Assert.Equal(new[] { "input", "conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "conv2d_2", "flatten", "dense", "dense_1" },
            result.Graph.Nodes.Select(n => n.DisplayName));
        Assert.Equal("0.weight", result.StateDict().First().Key);
    }

    [Fact]
    public void GraphsCompareByValue()
    {
        ModelGraph Make()
        {
            var b = new ModelGraphBuilder("M", SourceSpan.None);
            b.AddInput(TensorShape.Of(1, 8, 8), SourceSpan.None);
            b.Add(Conv(4), SourceSpan.OnLine("a.mdsl", 0, 3, 1, 1));
            return b.Build();
        }

        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
    }
}
