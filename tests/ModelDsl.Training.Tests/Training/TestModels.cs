using ModelDsl.Torch;
using ModelDsl.Torch.Nn;
using ModelDsl.Training.Data;

namespace ModelDsl.Training.Tests.Training;

/// <summary>Models and data shared by the trainer tests.</summary>
internal static class TestModels
{
    private static readonly Lazy<MnistDataSet> Fashion = new(() => MnistDataSet.Load(MnistDataSet.DebianFashionMnistDirectory));
    private static readonly Lazy<MnistDataSet> FashionOneHot = new(() => MnistDataSet.Load(MnistDataSet.DebianFashionMnistDirectory, TargetEncoding.OneHot));

    /// <summary>Debian's Fashion-MNIST, loaded once per test run.</summary>
    public static MnistDataSet FashionMnist(TargetEncoding targets = TargetEncoding.ClassIndex) =>
        targets == TargetEncoding.OneHot ? FashionOneHot.Value : Fashion.Value;

    /// <summary>The seed's convnet (Chollet ch. 5): 93,322 parameters, softmax output.</summary>
    public static Sequential SeedConvNet(ulong seed = 1)
    {
        TorchRuntime.ManualSeed(seed);
        return new Sequential(
            new Conv2d(1, 32, 3), new ReLU(), new MaxPool2d(2),
            new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2),
            new Conv2d(64, 64, 3), new ReLU(),
            new Flatten(), new Linear(576, 64), new ReLU(), new Linear(64, 10), new Softmax());
    }

    /// <summary>A small MLP over 28x28 images, fast enough for callback tests.</summary>
    public static Sequential SmallMlp(ulong seed = 1)
    {
        TorchRuntime.ManualSeed(seed);
        return new Sequential(new Flatten(), new Linear(784, 32), new ReLU(), new Linear(32, 10), new Softmax());
    }

    /// <summary>A linear regression problem y = 3a - 2b + 1 (+ noise) as a tensor dataset.</summary>
    public static TensorDataset Regression(int count, int seed)
    {
        var random = new Random(seed);
        var x = new float[count * 2];
        var y = new float[count];
        for (var i = 0; i < count; i++)
        {
            x[2 * i] = (float)(random.NextDouble() * 2 - 1);
            x[2 * i + 1] = (float)(random.NextDouble() * 2 - 1);
            y[i] = 3 * x[2 * i] - 2 * x[2 * i + 1] + 1 + (float)(random.NextDouble() * 0.1);
        }
        return new TensorDataset(Tensor.FromArray(x, count, 2), Tensor.FromArray(y, count, 1));
    }

    /// <summary>Every parameter, flattened and concatenated, for comparing two models.</summary>
    public static float[] Weights(Module model) =>
        model.StateDict().OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value.Detach().ToArray<float>()).ToArray();
}
