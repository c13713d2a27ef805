using ModelDsl.Torch.Nn;
using ModelDsl.Torch.Optim;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>Same seed, same data, same thread count: training gives bit-identical weights, as in PyTorch on CPU.</summary>
[Collection(TensorProcessStateCollection.Name)]
public class TrainingDeterminismTests
{
    private static float[] Train(int steps)
    {
        TorchRuntime.ManualSeed(5);
        using var model = new Sequential(
            new Conv2d(1, 32, 3), new ReLU(), new MaxPool2d(2),
            new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2),
            new Conv2d(64, 64, 3), new ReLU(),
            new Flatten(), new Linear(576, 64), new ReLU(), new Linear(64, 10));
        using var optimizer = RmsProp.Keras(model.Parameters());
        using var x = Tensor.Rand(32, 1, 28, 28);
        using var y = Tensor.RandInt(0, 10, [32]);
        for (var i = 0; i < steps; i++)
        {
            using var scope = DisposeScope.Begin();
            optimizer.ZeroGrad();
            F.CrossEntropy(model.Forward(x), y).Backward();
            optimizer.Step();
        }
        using var flat = Tensor.Cat([.. model.Parameters().Select(p => p.Detach().Reshape(-1))], 0);
        return flat.ToArray<float>();
    }

    [Fact]
    public void TwoRunsGiveIdenticalWeights()
    {
        var first = Train(15);
        var second = Train(15);
        Assert.Equal(first, second);
    }
}
