using System.Globalization;
using ModelDsl.Spec.Language;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Tests;

/// <summary>Shape formulas against PyTorch's and Keras's.</summary>
public class InferenceTests
{
    private static ModelCompilation Compile(string source)
        => SpecDocument.Parse(source, "t.mdsl").Instantiate("M");

    private static ModelDsl.Spec.Inference.InferenceResult Infer(string source)
    {
        var c = Compile(source);
        Assert.True(c.Inference is not null && !c.HasErrors, string.Join(" | ", c.Diagnostics));
        return c.Inference!;
    }

    [Fact]
    public void WindowSizesEqualPyTorchs()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch_window_sizes.txt"));
        Assert.Equal(300, lines.Length);
        foreach (var line in lines)
        {
            var f = line.Split(' ');
            var n = f.Skip(1).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var layer = f[0] switch
            {
                "conv" => $"conv2d(3, {n[2]}x{n[3]}, stride={n[4]}x{n[5]}, padding={n[6]}x{n[7]}, dilation={n[8]}x{n[9]})",
                "max" => $"maxpool2d({n[2]}x{n[3]}, stride={n[4]}x{n[5]}, padding={n[6]}x{n[7]})",
                _ => $"avgpool2d({n[2]}x{n[3]}, stride={n[4]}x{n[5]}, padding={n[6]}x{n[7]})",
            };
            var c = Compile($"model M(input = 2x{n[0]}x{n[1]}) {{ {layer} }}");
            if (n[10] < 0)
            {
                Assert.True(c.Diagnostics.Any(d => d.Id == "MDSL007"), line);
            }
            else
            {
                Assert.True(!c.HasErrors, line + ": " + string.Join(" | ", c.Diagnostics));
                var shape = c.Inference!.Output!.OutputShape!;
                Assert.True((n[10], n[11]) == (shape.Height, shape.Width), line + " gave " + shape);
            }
        }
    }

    [Theory]
    [InlineData(8, 3, 2, 4, 0, 1)]   // TensorFlow puts the odd padding row at the bottom
    [InlineData(7, 3, 2, 4, 1, 1)]
    [InlineData(224, 7, 2, 112, 2, 3)]
    [InlineData(5, 1, 2, 3, 0, 0)]
    [InlineData(6, 4, 1, 6, 1, 2)]
    public void SamePaddingFollowsKeras(int input, int kernel, int stride, int output, int top, int bottom)
    {
        var r = Infer($"model M(input = 1x{input}x{input}) {{ conv2d(2, {kernel}, stride={stride}, padding=same) }}");
        var node = r.Nodes[1];
        Assert.Equal(TensorShape.Of(2, output, output), node.OutputShape);
        Assert.Equal(new Pads(top, bottom, top, bottom), node.ResolvedPads);
    }

    [Fact]
    public void PoolStrideDefaultsToTheWindow()
    {
        var r = Infer("model M(input = 3x9x9) { maxpool2d(3) > avgpool2d(2, stride=1) }");
        Assert.Equal(TensorShape.Of(3, 3, 3), r.Nodes[1].OutputShape);
        Assert.Equal(TensorShape.Of(3, 2, 2), r.Nodes[2].OutputShape);
    }

    [Fact]
    public void DepthwiseAndGroupedConvolutionsCountLikePyTorch()
    {
        var r = Infer("model M(input = 8x10x10) { depthwiseconv2d(3, multiplier=2, padding=same) > conv2d(16, 1, groups=4, bias=false) }");
        Assert.Equal(TensorShape.Of(16, 10, 10), r.Nodes[1].OutputShape);
        Assert.Equal(16 * 9 + 16, r.Nodes[1].TrainableParams);
        Assert.Equal(new[] { 16, 1, 3, 3 }, r.Nodes[1].Weights[0].Shape);
        Assert.Equal(new[] { 16, 4, 1, 1 }, r.Nodes[2].Weights[0].Shape);
    }

    [Fact]
    public void BatchNormCountsDifferByConvention()
    {
        var r = Infer("model M(input = 32x4x4) { batchnorm }");
        var bn = r.Nodes[1];
        Assert.Equal(64, bn.TrainableParams);
        Assert.Equal(64, bn.KerasNonTrainableParams);
        Assert.Equal(128, bn.KerasParams);
        Assert.Equal(64, bn.TorchParams);
        Assert.Equal(65, bn.TorchBufferElements);
        Assert.Equal(new[] { "weight", "bias", "running_mean", "running_var", "num_batches_tracked" }, bn.Weights.Select(w => w.Name));
    }

    [Fact]
    public void ZeroPaddingGlobalPoolingConcatAndReshape()
    {
        var r = Infer("model M(input = 4x5x6) {\n zeropad2d((1, 2, 3, 4))\n fork concat { conv2d(6, 1) } { }\n globalmaxpool2d\n reshape(2x5)\n}");
        Assert.Equal(TensorShape.Of(4, 8, 13), r.Nodes[1].OutputShape);
        Assert.Equal(TensorShape.Of(10, 8, 13), r.Nodes[3].OutputShape);
        Assert.Equal(TensorShape.Of(10), r.Nodes[4].OutputShape);
        Assert.Equal(TensorShape.Of(2, 5), r.Nodes[5].OutputShape);
    }

    [Fact]
    public void PreprocessingLayersKeepTheShape()
    {
        var r = Infer("model M(input = 3x32x32) { rescaling(0.00392156862745098) > randomflip(horizontal) > randomrotation(0.1) > randomzoom(0.2) > randomtranslation(0.1, 0.1) > conv2d(4, 3) }");
        Assert.All(r.Nodes.Skip(1).Take(5), n => Assert.Equal(TensorShape.Of(3, 32, 32), n.OutputShape));
        Assert.Equal(0, r.Nodes.Take(6).Sum(n => n.KerasParams));
    }

    [Fact]
    public void ActivationsAreRecordedForTheRuntime()
    {
        var r = Infer("model M(input = 8) { dense(4, relu6) > tanh > activation(sigmoid) > dense(2, softmax) }");
        Assert.Equal(new[] { ActivationKind.Linear, ActivationKind.Relu6, ActivationKind.Tanh, ActivationKind.Sigmoid, ActivationKind.Softmax },
            r.Graph.Nodes.Select(n => n.Layer.AppliedActivation));
    }

    [Fact]
    public void MultAddsFollowTorchinfo()
    {
        var r = Infer("model M(input = 1x28x28) { conv2d(32, 3) > flatten > dense(10) }");
        Assert.Equal(32 * 1 * 3 * 3 * 26 * 26, r.Nodes[1].MultAdds);
        Assert.Equal(26 * 26 * 32 * 10, r.Nodes[3].MultAdds);
    }
}
