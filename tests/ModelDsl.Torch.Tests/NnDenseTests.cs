using ModelDsl.Torch.Nn;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>Linear, flatten and activations against PyTorch 1.13 (fixtures/Nn/dense.json). Tolerance 1e-5 + 1e-4 relative.</summary>
public class NnDenseTests
{
    private readonly NnFixture fx = NnFixture.Load("dense");

    [Fact]
    public void LinearForwardAndGradientsMatchPyTorch()
    {
        using var scope = DisposeScope.Begin();
        var x = fx.Tensor("x", requiresGrad: true);
        var w = fx.Tensor("w", requiresGrad: true);
        var b = fx.Tensor("b", requiresGrad: true);
        var y = F.Linear(x, w, b);
        fx.AssertClose("linear", y);
        y.Backward(fx.Tensor("linear.upstream"));
        fx.AssertClose("linear.grad.x", x.Grad);
        fx.AssertClose("linear.grad.w", w.Grad);
        fx.AssertClose("linear.grad.b", b.Grad);
    }

    [Fact]
    public void LinearLayerUsesItsLoadedWeights()
    {
        using var linear = new Linear(6, 4);
        Assert.Equal([4L, 6], linear.Weight.Shape);
        using var scope = DisposeScope.Begin();
        linear.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = fx.Tensor("w"), ["bias"] = fx.Tensor("b") });
        fx.AssertClose("linear", linear.Forward(fx.Tensor("x")));
    }

    public static TheoryData<string> Activations => ["relu", "relu6", "sigmoid", "tanh", "softmax1", "log_softmax_last", "leaky_relu02", "silu", "gelu", "elu", "softplus", "flatten"];

    [Theory]
    [MemberData(nameof(Activations))]
    public void ActivationMatchesPyTorch(string name)
    {
        using var scope = DisposeScope.Begin();
        var a = fx.Tensor("a");
        var y = name switch
        {
            "relu" => F.Relu(a),
            "relu6" => F.Relu6(a),
            "sigmoid" => F.Sigmoid(a),
            "tanh" => F.Tanh(a),
            "softmax1" => F.Softmax(a, 1),
            "log_softmax_last" => F.LogSoftmax(a),
            "leaky_relu02" => F.LeakyRelu(a, 0.2),
            "silu" => F.Silu(a),
            "gelu" => F.Gelu(a),
            "elu" => F.Elu(a),
            "softplus" => F.Softplus(a),
            "flatten" => F.Flatten(a),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        fx.AssertClose(name, y);
    }

    [Fact]
    public void ActivationLayersMatchTheirFunctions()
    {
        using var scope = DisposeScope.Begin();
        var a = fx.Tensor("a");
        Module[] layers = [new ReLU(), new ReLU6(), new Sigmoid(), new Tanh(), new Softmax(1), new LogSoftmax(), new LeakyReLU(0.2), new Flatten()];
        string[] names = ["relu", "relu6", "sigmoid", "tanh", "softmax1", "log_softmax_last", "leaky_relu02", "flatten"];
        for (var i = 0; i < layers.Length; i++)
        {
            fx.AssertClose(names[i], layers[i].Forward(a));
            layers[i].Dispose();
        }
        using var identity = new Identity();
        Assert.Same(a, identity.Forward(a));
    }

    [Fact]
    public void DropoutDropsAboutPAndRescalesInTrainingOnly()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.Ones(100_000);
        var y = F.Dropout(x, 0.3, training: true).ToArray<float>();
        var zeros = y.Count(v => v == 0);
        Assert.InRange(zeros / 100_000.0, 0.29, 0.31);
        Assert.All(y.Where(v => v != 0), v => Assert.Equal(1 / 0.7f, v, 1e-5f));
        using var layer = new Dropout(0.3);
        layer.Eval();
        Assert.All(layer.Forward(x).ToArray<float>(), v => Assert.Equal(1f, v));
    }
}
