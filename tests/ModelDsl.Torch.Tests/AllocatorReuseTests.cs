using System.Globalization;
using ModelDsl.Torch.Nn;
using ModelDsl.Torch.Optim;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>
/// The native library's caching CPU allocator (cpu_caching_allocator.cpp) lets a training step reuse the
/// memory of the previous one instead of page-faulting fresh blocks in: with libtorch's default allocator
/// the seed convnet's step at batch 64 took 1,500-3,000 minor page faults; reused, almost none.
/// Runs alone: page faults and the allocator cache are per process, so other tests running beside it
/// would show up in both.
/// </summary>
[Collection(TensorProcessStateCollection.Name)]
public class AllocatorReuseTests
{
    private static long MinorFaults()
    {
        // /proc/self/stat field 10 (after the parenthesised command name) is minflt.
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }

    [Fact]
    public void TrainingStepsReuseTheirMemory()
    {
        using var model = new Sequential(
            new Conv2d(1, 32, 3), new ReLU(), new MaxPool2d(2),
            new Conv2d(32, 64, 3), new ReLU(), new MaxPool2d(2),
            new Flatten(), new Linear(64 * 5 * 5, 10));
        using var optimizer = RmsProp.Keras(model.Parameters());
        using var x = Tensor.Rand(64, 1, 28, 28);
        using var y = Tensor.RandInt(0, 10, [64]);
        void Step()
        {
            using var scope = DisposeScope.Begin();
            optimizer.ZeroGrad();
            F.CrossEntropy(model.Forward(x), y).Backward();
            optimizer.Step();
        }

        for (var i = 0; i < 10; i++) Step();
        const int Steps = 30;
        var before = MinorFaults();
        for (var i = 0; i < Steps; i++) Step();
        var perStep = (MinorFaults() - before) / (double)Steps;
        // The activations and gradients of one step are ~20 MB, i.e. ~5,000 pages if faulted in afresh.
        Assert.True(perStep < 300, $"{perStep:F0} minor page faults per training step; freed tensor memory is not being reused");
    }

    [Fact]
    public void CachedMemoryCanBeReleased()
    {
        TorchRuntime.ReleaseCachedMemory();
        using (Tensor.Zeros(1024, 1024))
        {
        }
        Assert.True(TorchRuntime.ReleaseCachedMemory() >= 4L << 20, "a freed 4 MB tensor stays cached until released");
        Assert.Equal(0, TorchRuntime.ReleaseCachedMemory());
    }
}
