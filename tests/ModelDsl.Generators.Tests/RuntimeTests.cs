using ModelDsl.Generators.Tests.Infrastructure;
using ModelDsl.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// The zoo specs compiled into this assembly by the generator (it is this project's analyzer too), instantiated
/// at run time as TorchSharp modules: real tensors must add up to the compile-time summary, names must equal
/// torchvision's state_dict keys, and a forward pass must produce the declared output shape.
/// </summary>
public class RuntimeTests
{
    public static TheoryData<string> ZooModels => new() { "MnistConvNet", "VGG16", "ResNet50", "MobileNetV2", "ResNet18", "DenseNet121", "MobileNetV3Small" };

    internal static (nn.Module<Tensor, Tensor> Model, ModelDsl.Spec.Summary.ModelSummary Summary, IReadOnlyList<long> Input, IReadOnlyList<long> Output) Create(string name) => name switch
    {
        "MnistConvNet" => (new MnistConvNet(), MnistConvNet.Summary, MnistConvNet.InputShape, MnistConvNet.OutputShape),
        "VGG16" => (new VGG16(), VGG16.Summary, VGG16.InputShape, VGG16.OutputShape),
        "ResNet50" => (new ResNet50(), ResNet50.Summary, ResNet50.InputShape, ResNet50.OutputShape),
        "MobileNetV2" => (new MobileNetV2(), MobileNetV2.Summary, MobileNetV2.InputShape, MobileNetV2.OutputShape),
        // Issue 14's families: activation reuse (ResNet18's one 'relu'), dense concatenation, SE by Multiply with hard swish.
        "ResNet18" => (new ResNet18(), ResNet18.Summary, ResNet18.InputShape, ResNet18.OutputShape),
        "DenseNet121" => (new DenseNet121(), DenseNet121.Summary, DenseNet121.InputShape, DenseNet121.OutputShape),
        "MobileNetV3Small" => (new MobileNetV3Small(), MobileNetV3Small.Summary, MobileNetV3Small.InputShape, MobileNetV3Small.OutputShape),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(ZooModels))]
    public void ParameterAndBufferTensorsAddUpToTheSummary(string name)
    {
        var (model, summary, _, _) = Create(name);
        using (model)
        {
            Assert.Equal(summary.TorchParams, model.parameters().Sum(p => p.numel()));
            Assert.Equal(summary.TorchBufferElements, model.buffers().Sum(b => b.numel()));
            Assert.Equal(summary.TrainableParams, model.parameters().Where(p => p.requires_grad).Sum(p => p.numel()));
        }
    }

    /// <summary>
    /// Same keys and shapes as torchvision. TorchSharp's <c>state_dict()</c> lists every parameter before every
    /// buffer (PyTorch interleaves them per module), so the expected order is torchvision's, parameters first.
    /// </summary>
    [Theory]
    [InlineData("VGG16", "torchvision_vgg16.keys.txt")]
    [InlineData("ResNet50", "torchvision_resnet50.keys.txt")]
    [InlineData("MobileNetV2", "torchvision_mobilenet_v2.keys.txt")]
    [InlineData("ResNet18", "torchvision_resnet18.keys.txt")]
    [InlineData("DenseNet121", "torchvision_densenet121.keys.txt")]
    [InlineData("MobileNetV3Small", "torchvision_mobilenet_v3_small.keys.txt")]
    public void StateDictKeysAndShapesEqualTorchvisions(string name, string fixture)
    {
        var expected = File.ReadAllLines(Path.Combine(Repo.Root, "tests", "ModelDsl.Spec.Tests", "Fixtures", fixture))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Select(l => Normalize(l.Trim()))
            .ToList();
        var (model, _, _, _) = Create(name);
        using (model)
        {
            var parameters = model.named_parameters().Select(p => p.name).ToHashSet(StringComparer.Ordinal);
            var expectedOrder = expected.OrderBy(line => parameters.Contains(line.Split(' ')[0]) ? 0 : 1).ToList();
            var actual = model.state_dict().Select(kv => Normalize(kv.Key + " " + string.Join(",", kv.Value.shape))).ToList();
            Assert.Equal(expectedOrder, actual);
        }
    }

    [Theory]
    [MemberData(nameof(ZooModels))]
    public void ForwardGivesTheDeclaredOutputShape(string name)
    {
        var (model, _, input, output) = Create(name);
        using (model)
        using (NewDisposeScope())
        using (no_grad())
        {
            model.eval();
            var batch = randn(new long[] { 1 }.Concat(input).ToArray());
            var result = model.forward(batch);
            Assert.Equal(new long[] { 1 }.Concat(output).ToArray(), result.shape);
            // The ImageNet models (all but the seed convnet): 224x224 in, 1000 classes out.
            if (input.SequenceEqual(new long[] { 3, 224, 224 })) Assert.Equal(new long[] { 1, 1000 }, result.shape);
        }
    }

    [Fact]
    public void WrongInputShapeThrowsShapeMismatchNamingBothShapes()
    {
        using var model = new MnistConvNet();
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<ShapeMismatchException>(() => model.forward(zeros(2, 3, 28, 28)));
        Assert.Equal("MnistConvNet.forward: input 'input' must have shape (N, 1, 28, 28) but got (2, 3, 28, 28). (Parameter 'input')", ex.Message);
        Assert.Equal(new long[] { -1, 1, 28, 28 }, ex.Expected);
        Assert.Equal(new long[] { 2, 3, 28, 28 }, ex.Actual);
        // Through TorchSharp's call() (hooks and all) too, and in ForwardLogits.
        Assert.Throws<ShapeMismatchException>(() => model.call(zeros(2, 28, 28)));
        Assert.Throws<ShapeMismatchException>(() => model.ForwardLogits(zeros(2, 1, 27, 28)));
    }

    [Fact]
    public void TrainAndEvalReachEveryLayer()
    {
        using var model = new ResNet50();
        model.eval();
        Assert.All(model.modules(), m => Assert.False(m.training));
        model.train();
        Assert.All(model.modules(), m => Assert.True(m.training));
    }

    /// <summary>Key and shape, whatever separators the fixture uses between them.</summary>
    private static string Normalize(string line)
    {
        var parts = line.Split(new[] { ' ', '\t' }, 2, StringSplitOptions.RemoveEmptyEntries);
        var shape = parts.Length > 1 ? new string(parts[1].Select(c => c == 'x' ? ',' : c).Where(c => char.IsDigit(c) || c == ',').ToArray()) : "";
        return parts[0] + " " + shape;
    }
}
