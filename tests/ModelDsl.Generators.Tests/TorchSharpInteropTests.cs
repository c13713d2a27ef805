using ModelDsl.Generators.Tests.Models;
using ModelDsl.Runtime;
using ModelDsl.Runtime.Init;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// Generated models are plain TorchSharp modules: a hand-written TorchSharp loop trains them, and
/// <c>state_dict</c>, <c>save</c>/<c>load</c>, <c>train</c>/<c>eval</c>, <c>to</c> and nesting behave as for any module.
/// </summary>
[Collection(GlobalRngCollection.Name)]
public class TorchSharpInteropTests
{
    [Fact]
    public void PlainTorchSharpLoopTrainsTheSeedConvNet()
    {
        random.manual_seed(7);
        using var model = new SeedConvNet();
        using var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        var (images, labels) = LearnableBatch(64);
        using (images)
        using (labels)
        {
            model.train();
            var losses = new List<float>();
            for (var step = 0; step < 15; step++)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var probabilities = model.call(images);
                var loss = nn.functional.nll_loss(probabilities.clamp_min(1e-7).log(), labels);
                loss.backward();
                optimizer.step();
                losses.Add(loss.item<float>());
            }
            Assert.True(losses[^1] < losses[0] * 0.7f, "loss: " + string.Join(", ", losses));
        }
    }

    [Fact]
    public void LayerPropertiesAreTorchSharpModulesAndStateDictNamesAreTheSummarys()
    {
        using var model = new SeedConvNet();
        Conv2d conv = model.Conv2d;
        Linear dense = model.Dense1;
        Assert.Equal(new long[] { 32, 1, 3, 3 }, conv.weight!.shape);
        Assert.Equal(new long[] { 10, 64 }, dense.weight!.shape);

        var keys = model.state_dict().Keys.ToList();
        var withWeights = SeedConvNet.Summary.Rows.Where(r => r.Params > 0).Select(r => r.ModulePath).ToList();
        Assert.Equal(withWeights.SelectMany(p => new[] { p + ".weight", p + ".bias" }), keys);
        Assert.Equal(SeedConvNet.Summary.TorchParams, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void SaveAndLoadRoundTripTheWeights()
    {
        var path = Path.Combine(Path.GetTempPath(), $"modeldsl-gen-{Guid.NewGuid():N}.dat");
        try
        {
            using var scope = NewDisposeScope();
            using var original = new TinyResNet();
            using var copy = new TinyResNet();
            original.eval();
            copy.eval();
            var batch = rand(2, 3, 32, 32);
            // Running statistics are state too: move them away from their initial values before saving.
            original.train();
            using (no_grad()) original.forward(batch);
            original.eval();

            original.save(path);
            copy.load(path);

            var expected = original.state_dict();
            var actual = copy.state_dict();
            Assert.Equal(expected.Keys, actual.Keys);
            Assert.All(expected, kv => Assert.True(Same(kv.Value, actual[kv.Key]), kv.Key));
            using (no_grad()) Assert.True(original.forward(batch).allclose(copy.forward(batch)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadStateDictCopiesWeightsBetweenInstances()
    {
        using var scope = NewDisposeScope();
        using var source = new SeedConvNet();
        using var target = new SeedConvNet();
        var (missing, unexpected) = target.load_state_dict(source.state_dict());
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        Assert.True(Same(source.Conv2d.weight!, target.Conv2d.weight!));
    }

    [Fact]
    public void TrainAndEvalSwitchBatchNormAndDropout()
    {
        using var scope = NewDisposeScope();
        using var model = new TinyResNet();
        var batch = rand(4, 3, 32, 32);
        var norm = model.modules().OfType<BatchNorm2d>().First();
        using var no = no_grad();

        model.eval();
        var before = norm.running_mean!.clone();
        var first = model.forward(batch);
        var second = model.forward(batch);
        Assert.True(Same(first, second), "eval: dropout off, statistics fixed");
        Assert.True(Same(norm.running_mean!, before));

        model.train();
        var a = model.forward(batch);
        var b = model.forward(batch);
        Assert.False(Same(norm.running_mean!, before), "train: BatchNorm updates its running statistics");
        Assert.False(Same(a, b), "train: dropout draws a new mask each call");
    }

    [Fact]
    public void ToMovesTheModelAndItsDtype()
    {
        using var scope = NewDisposeScope();
        using var model = new SeedConvNet();
        model.to(CPU);
        Assert.All(model.parameters(), p => Assert.Equal(DeviceType.CPU, p.device_type));
        model.to(ScalarType.Float64);
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        using var no = no_grad();
        var output = model.forward(rand(new long[] { 2, 1, 28, 28 }, dtype: ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, output.dtype);
        Assert.Equal(new long[] { 2, 10 }, output.shape);
    }

    [Fact]
    public void NestedInAUsersModuleItsKeysArePrefixedOnce()
    {
        using var model = new SeedConvNet();
        var inner = model.state_dict().Keys.ToList();
        using var outer = nn.Sequential(("net", (nn.Module<Tensor, Tensor>)model), ("scale", nn.Identity()));
        Assert.Equal(inner.Select(k => "net." + k), outer.state_dict().Keys);
        Assert.Equal(SeedConvNet.Summary.TorchParams, outer.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void InitPolicyChoosesKerasOrPyTorchInitialisation()
    {
        using var keras = new SeedConvNet();
        using var pytorch = new SeedConvNet(InitPolicy.PyTorch);
        Assert.Equal(0, keras.Conv2d.bias!.abs().sum().item<float>());
        Assert.NotEqual(0, pytorch.Conv2d.bias!.abs().sum().item<float>());
        // Glorot-uniform bound for a 3x3 conv from 1 to 32 channels: sqrt(6 / (9 + 288)).
        Assert.InRange(keras.Conv2d.weight!.abs().max().item<float>(), 0, (float)Math.Sqrt(6.0 / (9 + 288)) + 1e-6f);
    }

    [Fact]
    public void AttributeModelChecksItsInputShape()
    {
        using var model = new SeedConvNet();
        using var scope = NewDisposeScope();
        var ex = Assert.Throws<ShapeMismatchException>(() => model.forward(zeros(4, 1, 32, 32)));
        Assert.Contains("(N, 1, 28, 28)", ex.Message);
        Assert.Contains("(4, 1, 32, 32)", ex.Message);
    }

    /// <summary>Same shape and the same values (TorchSharp's <c>Tensor.equal</c> is elementwise).</summary>
    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    /// <summary>Images whose class is where a bright square sits: learnable in a few steps.</summary>
    private static (Tensor Images, Tensor Labels) LearnableBatch(int count)
    {
        using var scope = NewDisposeScope();
        var labels = arange(count, dtype: ScalarType.Int64) % 10;
        var images = rand(count, 1, 28, 28) * 0.1f;
        for (var i = 0; i < count; i++)
        {
            var label = (int)(i % 10);
            var row = label / 5 * 14;
            var col = label % 5 * 5;
            images[i, 0, TensorIndex.Slice(row, row + 8), TensorIndex.Slice(col, col + 5)] = tensor(1.0f);
        }
        return (images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }
}
