using System.Text.Json;
using ModelDsl.Torch.Nn;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>
/// Module naming, state_dict loading and modes against an equivalent PyTorch network
/// (fixtures/Nn/module.json and module_keys.json). Output tolerance 1e-4 + 1e-4 relative.
/// </summary>
public class NnModuleTests
{
    private sealed class Block : Module
    {
        public Block()
        {
            Conv1 = RegisterModule("conv1", new Conv2d(4, 4, 3, padding: 1, bias: false));
            Bn1 = RegisterModule("bn1", new BatchNorm2d(4));
            Relu = RegisterModule("relu", new ReLU());
            Downsample = RegisterModule("downsample", new Sequential(new Conv2d(4, 4, 1, bias: false), new BatchNorm2d(4)));
        }

        public Conv2d Conv1 { get; }

        public BatchNorm2d Bn1 { get; }

        public ReLU Relu { get; }

        public Sequential Downsample { get; }

        public override Tensor Forward(Tensor input) => Relu.Forward(F.Add(Bn1.Forward(Conv1.Forward(input)), Downsample.Forward(input)));
    }

    private sealed class Net : Module
    {
        public Net()
        {
            Features = RegisterModule("features", new Sequential(new Conv2d(3, 4, 3, padding: 1), new BatchNorm2d(4), new ReLU()));
            Layer1 = RegisterModule("layer1", new Sequential(new Block()));
            Pool = RegisterModule("pool", new AdaptiveAvgPool2d(1));
            Fc = RegisterModule("fc", new Linear(4, 5));
        }

        public Sequential Features { get; }

        public Sequential Layer1 { get; }

        public AdaptiveAvgPool2d Pool { get; }

        public Linear Fc { get; }

        public override Tensor Forward(Tensor input) => Fc.Forward(F.Flatten(Pool.Forward(Layer1.Forward(Features.Forward(input)))));
    }

    private readonly NnFixture fx = NnFixture.Load("module");

    private static string[] PyTorchNames(string kind)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(FixturePath()));
        return [.. doc.RootElement.GetProperty(kind).EnumerateArray().Select(e => e.GetString()!)];
    }

    private static string FixturePath([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", "Nn", "module_keys.json");

    private Dictionary<string, Tensor> PyTorchState() =>
        PyTorchNames("state_dict").ToDictionary(k => k, k => fx.Tensor("state." + k));

    [Fact]
    public void NamesEqualPyTorchStateDictKeys()
    {
        using var net = new Net();
        Assert.Equal(PyTorchNames("state_dict"), net.StateDict().Keys);
        Assert.Equal(PyTorchNames("parameters"), net.NamedParameters().Select(p => p.Key));
        Assert.Equal(PyTorchNames("modules"), net.NamedModules().Select(m => m.Key));
        Assert.Equal(["features", "layer1", "pool", "fc"], net.NamedChildren().Select(c => c.Key));
        Assert.Equal(["features.1.running_mean", "features.1.running_var", "features.1.num_batches_tracked"], net.NamedBuffers().Take(3).Select(b => b.Key));
    }

    [Fact]
    public void LoadedPyTorchWeightsGiveThePyTorchOutput()
    {
        using var net = new Net();
        using var scope = DisposeScope.Begin();
        var result = net.LoadStateDict(PyTorchState());
        Assert.True(result.IsComplete);
        net.Eval();
        fx.AssertClose("y", net.Forward(fx.Tensor("x")), 1e-4, 1e-4);
        fx.AssertClose("state.layer1.0.bn1.num_batches_tracked", ((Block)net.Layer1[0]).Bn1.NumBatchesTracked, 0, 0);
    }

    [Fact]
    public void StrictLoadNamesEachMissingUnexpectedAndMismatchedKey()
    {
        using var net = new Net();
        using var scope = DisposeScope.Begin();
        var state = PyTorchState();
        state.Remove("fc.bias");
        state["extra.weight"] = Tensor.Zeros(1);
        state["features.0.weight"] = Tensor.Zeros(4, 3, 5, 5);
        var before = net.Fc.Weight.ToArray<float>();
        var e = Assert.Throws<InvalidOperationException>(() => net.LoadStateDict(state));
        Assert.Contains("missing key: fc.bias", e.Message);
        Assert.Contains("unexpected key: extra.weight", e.Message);
        Assert.Contains("features.0.weight: expected [4, 3, 3, 3] but the loaded tensor is [4, 3, 5, 5]", e.Message);
        Assert.Equal(before, net.Fc.Weight.ToArray<float>());

        var lenient = net.LoadStateDict(state, strict: false);
        Assert.Equal(["fc.bias"], lenient.MissingKeys);
        Assert.Equal(["extra.weight"], lenient.UnexpectedKeys);
        Assert.Equal("features.0.weight", Assert.Single(lenient.ShapeMismatches).Key);
        fx.AssertClose("state.fc.weight", net.Fc.Weight);
    }

    [Fact]
    public void TrainAndEvalReachEveryDescendant()
    {
        using var net = new Net();
        Assert.All(net.NamedModules(), m => Assert.True(m.Value.IsTraining));
        net.Eval();
        Assert.All(net.NamedModules(), m => Assert.False(m.Value.IsTraining));
        net.Train();
        Assert.All(net.NamedModules(), m => Assert.True(m.Value.IsTraining));
    }

    [Fact]
    public void FreezingASubtreeStopsItsGradientsOnly()
    {
        using var net = new Net();
        net.Features.Trainable = false;
        Assert.All(net.Features.Parameters(), p => Assert.False(p.RequiresGrad));
        Assert.All(net.Fc.Parameters(), p => Assert.True(p.RequiresGrad));
        using var scope = DisposeScope.Begin();
        F.CrossEntropy(net.Forward(Tensor.Randn(2, 3, 6, 6)), Tensor.FromArray([1L, 3L], 2)).Backward();
        Assert.Null(((Conv2d)net.Features[0]).Weight.Grad);
        Assert.NotNull(net.Fc.Weight.Grad);
        net.Features.Trainable = true;
        Assert.All(net.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void ParametersSurviveDisposeScopesAndDieWithTheModule()
    {
        Net net;
        using (DisposeScope.Begin())
        {
            net = new Net();
        }
        Assert.All(net.StateDict().Values, t => Assert.False(t.IsClosed));
        var weight = net.Fc.Weight;
        net.Dispose();
        Assert.True(weight.IsClosed);
    }

    [Fact]
    public void ToCpuKeepsTheSameTensors()
    {
        using var net = new Net();
        var weight = net.Fc.Weight;
        net.To(Device.Cpu);
        Assert.Same(weight, net.Fc.Weight);
        Assert.Equal(Device.Cpu.Type, weight.Device.Type);
        Assert.True(weight.RequiresGrad);
    }

    [Fact]
    public void DuplicateOrDottedNamesAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Duplicate());
        Assert.Contains("already has a member named \"weight\"", e.Message);
    }

    private sealed class Duplicate : Module
    {
        public Duplicate()
        {
            RegisterParameter("weight", Tensor.Zeros(1));
            RegisterBuffer("weight", Tensor.Zeros(1));
        }

        public override Tensor Forward(Tensor input) => input;
    }
}
