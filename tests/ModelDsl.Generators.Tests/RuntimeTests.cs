using ModelDsl.Torch;
using ModelDsl.Torch.Nn;
using ModelDsl.Generators.Tests.Infrastructure;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// The zoo specs compiled into this assembly by the generator (it is this project's analyzer too), instantiated
/// at run time: real tensors must add up to the compile-time summary, names must equal torchvision's
/// state_dict keys, and a forward pass must produce the declared output shape.
/// </summary>
public class RuntimeTests
{
    public static TheoryData<string> ZooModels => new() { "MnistConvNet", "VGG16", "ResNet50", "MobileNetV2" };

    private static (Module Model, ModelDsl.Spec.Summary.ModelSummary Summary, IReadOnlyList<long> Input, IReadOnlyList<long> Output) Create(string name) => name switch
    {
        "MnistConvNet" => (new MnistConvNet(), MnistConvNet.Summary, MnistConvNet.InputShape, MnistConvNet.OutputShape),
        "VGG16" => (new VGG16(), VGG16.Summary, VGG16.InputShape, VGG16.OutputShape),
        "ResNet50" => (new ResNet50(), ResNet50.Summary, ResNet50.InputShape, ResNet50.OutputShape),
        "MobileNetV2" => (new MobileNetV2(), MobileNetV2.Summary, MobileNetV2.InputShape, MobileNetV2.OutputShape),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(ZooModels))]
    public void ParameterAndBufferTensorsAddUpToTheSummary(string name)
    {
        var (model, summary, _, _) = Create(name);
        using (model)
        {
            var parameters = model.NamedParameters().Sum(p => p.Value.Numel);
            var buffers = model.NamedBuffers().Sum(b => b.Value.Numel);
            Assert.Equal(summary.TorchParams, parameters);
            Assert.Equal(summary.TorchBufferElements, buffers);
            Assert.Equal(summary.TrainableParams, model.NamedParameters().Where(p => p.Value.RequiresGrad).Sum(p => p.Value.Numel));
        }
    }

    [Theory]
    [InlineData("VGG16", "torchvision_vgg16.keys.txt")]
    [InlineData("ResNet50", "torchvision_resnet50.keys.txt")]
    [InlineData("MobileNetV2", "torchvision_mobilenet_v2.keys.txt")]
    public void StateDictKeysAndShapesEqualTorchvisions(string name, string fixture)
    {
        var expected = File.ReadAllLines(Path.Combine(Repo.Root, "tests", "ModelDsl.Spec.Tests", "Fixtures", fixture))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Trim())
            .ToList();
        var (model, _, _, _) = Create(name);
        using (model)
        {
            var actual = model.StateDict().Select(kv => kv.Key + " " + string.Join(",", kv.Value.Shape)).ToList();
            Assert.Equal(expected.Select(Normalize), actual.Select(Normalize));
        }
    }

    [Theory]
    [MemberData(nameof(ZooModels))]
    public void ForwardGivesTheDeclaredOutputShape(string name)
    {
        var (model, _, input, output) = Create(name);
        using (model)
        using (var scope = DisposeScope.Begin())
        {
            model.Eval();
            var batch = Tensor.Randn(new long[] { 1 }.Concat(input).ToArray());
            var result = model.Forward(batch);
            Assert.Equal(new long[] { 1 }.Concat(output).ToArray(), result.Shape);
        }
    }

    [Fact]
    public void WrongInputShapeThrowsShapeMismatchNamingBothShapes()
    {
        using var model = new MnistConvNet();
        using var scope = DisposeScope.Begin();
        var ex = Assert.Throws<ShapeMismatchException>(() => model.Forward(Tensor.Zeros(2, 3, 28, 28)));
        Assert.Equal("MnistConvNet.Forward: input 'input' must have shape (N, 1, 28, 28) but got (2, 3, 28, 28). (Parameter 'input')", ex.Message);
    }

    [Fact]
    public void TrainAndEvalReachEveryLayer()
    {
        using var model = new ResNet50();
        model.Eval();
        Assert.All(model.NamedModules(), m => Assert.False(m.Value.IsTraining));
        model.Train();
        Assert.All(model.NamedModules(), m => Assert.True(m.Value.IsTraining));
    }

    /// <summary>Key and shape, whatever separators the fixture uses between them.</summary>
    private static string Normalize(string line)
    {
        var parts = line.Split(new[] { ' ', '\t' }, 2, StringSplitOptions.RemoveEmptyEntries);
        var shape = parts.Length > 1 ? new string(parts[1].Select(c => c == 'x' ? ',' : c).Where(c => char.IsDigit(c) || c == ',').ToArray()) : "";
        return parts[0] + " " + shape;
    }
}
