using ModelDsl.Training.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

using TensorDataset = ModelDsl.Training.Data.TensorDataset;

namespace ModelDsl.Training.Tests.Training;

/// <summary>Models and data shared by the trainer tests: plain TorchSharp modules, as a user would write them.</summary>
internal static class TestModels
{
    // torch.manual_seed is process-wide and tests run in parallel: seeding and building happen under one lock.
    private static readonly Lock SeedLock = new();
    private static readonly Lazy<MnistDataSet> Fashion = new(() => MnistDataSet.Load(MnistDataSet.DebianFashionMnistDirectory));
    private static readonly Lazy<MnistDataSet> FashionOneHot = new(() => MnistDataSet.Load(MnistDataSet.DebianFashionMnistDirectory, TargetEncoding.OneHot));

    /// <summary>Debian's Fashion-MNIST, loaded once per test run.</summary>
    public static MnistDataSet FashionMnist(TargetEncoding targets = TargetEncoding.ClassIndex) =>
        targets == TargetEncoding.OneHot ? FashionOneHot.Value : Fashion.Value;

    /// <summary>Builds a module from a seeded generator state, safely against tests on other threads.</summary>
    public static T Seeded<T>(long seed, Func<T> build)
    {
        lock (SeedLock)
        {
            manual_seed(seed);
            return build();
        }
    }

    /// <summary>The seed's convnet (Chollet ch. 5): 93,322 parameters, softmax output, as a plain <c>nn.Sequential</c>.</summary>
    public static Sequential SeedConvNet(long seed = 1) => Seeded(seed, () => nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 64, 3), nn.ReLU(),
        nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10), nn.Softmax(1)));

    /// <summary>A small MLP over 28x28 images, fast enough for callback tests.</summary>
    public static Sequential SmallMlp(long seed = 1) => Seeded(seed, () =>
        nn.Sequential(nn.Flatten(), nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10), nn.Softmax(1)));

    /// <summary>A linear layer in a Sequential, seeded.</summary>
    public static Sequential Linear(int inputs, int outputs, long seed = 3) => Seeded(seed, () => nn.Sequential(nn.Linear(inputs, outputs)));

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
        return new TensorDataset(tensor(x, [count, 2]), tensor(y, [count, 1]));
    }

    /// <summary>Every parameter and buffer, flattened and concatenated in key order, for comparing two models.</summary>
    public static float[] Weights(nn.Module model) =>
        model.state_dict().OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .SelectMany(kv => kv.Value.detach().to_type(ScalarType.Float32).data<float>().ToArray()).ToArray();
}
