using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Summary;
using ModelDsl.Spec.Zoo;

namespace ModelDsl.Spec.Tests;

public class SummaryTests
{
    private static ModelSummary Summarize(string name, params (string Key, ArgValue Value)[] args)
        => ModelSummary.From(ModelZoo.Get(name, args.ToDictionary(a => a.Key, a => a.Value)).Inference!);

    [Fact]
    public void KerasTableOfTheSeedConvnet()
    {
        var rule = new string('_', 67);
        var expected = string.Join("\n", new[]
        {
            "Model: \"MnistConvNet\"",
            rule,
            "Layer (type)                   Output Shape              Param #",
            new string('=', 67),
            "conv2d (Conv2D)                (None, 26, 26, 32)        320", rule,
            "max_pooling2d (MaxPooling2D)   (None, 13, 13, 32)        0", rule,
            "conv2d_1 (Conv2D)              (None, 11, 11, 64)        18496", rule,
            "max_pooling2d_1 (MaxPooling2D) (None, 5, 5, 64)          0", rule,
            "conv2d_2 (Conv2D)              (None, 3, 3, 64)          36928", rule,
            "flatten (Flatten)              (None, 576)               0", rule,
            "dense (Dense)                  (None, 64)                36928", rule,
            "dense_1 (Dense)                (None, 10)                650",
            new string('=', 67),
            "Total params: 93,322 (364.54 KB)",
            "Trainable params: 93,322 (364.54 KB)",
            "Non-trainable params: 0 (0.00 B)",
            rule,
            string.Empty,
        });
        Assert.Equal(expected, KerasSummaryRenderer.Render(Summarize("MnistConvNet")));
    }

    [Fact]
    public void KerasTableOfAGraphShowsInputAndConnections()
    {
        var text = KerasSummaryRenderer.Render(Summarize("ResNet50"));
        Assert.Contains("Connected to", text);
        Assert.Contains("[(None, 224, 224, 3)]", text);
        // The first residual add merges the main path (bn3, labelled) and the projection's
        // unlabelled BatchNorm (downsample.1, auto-named).
        var lines = text.Split('\n');
        var add = Array.FindIndex(lines, l => l.StartsWith("add (Add)"));
        Assert.EndsWith("layer1.0.bn3", lines[add]);
        Assert.EndsWith(" batch_normalization", lines[add + 1]);
        Assert.Contains("Total params: 25,610,152 (97.69 MB)", text);
        Assert.Contains("Trainable params: 25,557,032 (97.49 MB)", text);
        Assert.Contains("Non-trainable params: 53,120 (207.50 KB)", text);
    }

    [Fact]
    public void BothConventionsAreExposed()
    {
        var mobile = Summarize("MobileNetV2");
        Assert.Equal(3538984, mobile.KerasTotalParams);
        Assert.Equal(34112, mobile.KerasNonTrainableParams);
        Assert.Equal(3504872, mobile.TorchParams);
        // running_mean + running_var per BN channel, plus one num_batches_tracked per BN (52 BNs).
        Assert.Equal(34112 + 52, mobile.TorchBufferElements);
    }

    [Fact]
    public void TorchinfoTableShowsKernelsMultAddsAndSizes()
    {
        var text = TorchinfoSummaryRenderer.Render(Summarize("MnistConvNet"));
        Assert.Contains("Layer (type (var_name))", text);
        Assert.Matches(@"\u251c\u2500Conv2d \(0\)\s+\[3, 3\]\s+\[1, 32, 26, 26\]\s+320\s+0\.34%\s+194,688", text);
        Assert.Contains("Total params: 93,322", text);
        // 26*26*32*9 + 11*11*64*288 + 3*3*64*576 + 576*64 + 64*10 multiply-accumulates.
        Assert.Contains("Total mult-adds (M): 2.79", text);
        Assert.Contains("Params size (MB): 0.37", text);
        Assert.Contains("Input size (MB): 0.00", text);
    }

    [Fact]
    public void TorchinfoCountsBuffersSeparately()
    {
        var text = TorchinfoSummaryRenderer.Render(Summarize("ResNet50"));
        Assert.Contains("Total params: 25,557,032", text);
        Assert.Contains("Buffers (BatchNorm running stats, num_batches_tracked): 53,173", text);
        // The module tree: groups and block instances with their totals, layers by local name.
        Assert.Matches(@"\n\u251c\u2500Sequential \(layer1\)\s+--\s+\[1, 256, 56, 56\]\s+215,808\s", text);
        Assert.Matches(@"\n\u2502    \u251c\u2500Bottleneck \(0\)\s+--\s+\[1, 256, 56, 56\]\s+75,008\s", text);
        Assert.Matches(@"\n(\u2502    ){3}\u251c\u2500Conv2d \(0\)\s+\[1, 1\]\s+\[1, 256, 56, 56\]\s+16,384\s", text);
    }
}
