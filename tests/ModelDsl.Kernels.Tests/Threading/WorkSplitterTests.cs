using ModelDsl.Kernels.Tests.Support;
using ModelDsl.Runtime.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Kernels.Tests.Threading;

/// <summary>
/// Kernels split across threads give the same bits as on one thread. (On a 2-core machine the default is one thread,
/// so these tests force the split.)
/// </summary>
[Collection(KernelsCollection.Name)]
public sealed class WorkSplitterTests
{
    [Fact]
    public void EveryUnitRunsExactlyOnceWhateverTheSplit()
    {
        foreach (var workers in new[] { 1, 2, 3, 7 })
        {
            WorkSplitter.WorkerLimit = workers;
            try
            {
                var counts = new int[1000];
                WorkSplitter.For(counts.Length, 1 << 12, (first, end) =>
                {
                    for (var unit = first; unit < end; unit++)
                    {
                        Interlocked.Increment(ref counts[unit]);
                    }
                });
                Assert.All(counts, count => Assert.Equal(1, count));
            }
            finally
            {
                WorkSplitter.WorkerLimit = null;
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PoolingOnTwoThreadsMatchesOneThread(bool channelsLast)
    {
        using var scope = torch.NewDisposeScope();
        var values = Inputs.WithTies([64, 32, 26, 26], seed: 41);
        var x = channelsLast ? Inputs.ChannelsLast(values) : values;
        var upstream = Inputs.Upstream([64, 32, 13, 13], seed: 42);

        var serial = WithWorkers(1, () => PoolRun.Run(x, upstream, v => Pooling.ReluMaxPool2d(v)));
        var parallel = WithWorkers(2, () => PoolRun.Run(x, upstream, v => Pooling.ReluMaxPool2d(v)));

        Bitwise.Equal(serial.Output, parallel.Output, "output");
        Bitwise.Equal(serial.InputGrad, parallel.InputGrad, "input gradient");
    }

    [Fact]
    public void InputConvOnTwoThreadsMatchesOneThread()
    {
        if (!System.Runtime.Intrinsics.X86.Fma.IsSupported || !System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            return; // The kernel needs AVX2 + FMA.
        }

        using var scope = torch.NewDisposeScope();
        var images = Inputs.Normal([64, 1, 28, 28], seed: 43);
        var weightValues = Inputs.Normal([32, 1, 3, 3], seed: 44);
        var upstream = Inputs.Upstream([64, 32, 26, 26], seed: 45);

        (Tensor Output, Tensor WeightGrad, Tensor BiasGrad) Run()
        {
            var weight = weightValues.detach().requires_grad_(true);
            var bias = torch.zeros(32).requires_grad_(true);
            var output = Convolution.InputConv2d(images, weight, bias);
            output.backward([upstream]);
            return (output.detach(), weight.grad!.detach(), bias.grad!.detach());
        }

        var serial = WithWorkers(1, Run);
        var parallel = WithWorkers(2, Run);

        Bitwise.Equal(serial.Output, parallel.Output, "output");
        Bitwise.Equal(serial.WeightGrad, parallel.WeightGrad, "weight gradient");
        Bitwise.Equal(serial.BiasGrad, parallel.BiasGrad, "bias gradient");
    }

    [Fact]
    public void OnLinuxKernelsRunOnLibtorchsOpenMpThreads()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Windows' and macOS's libtorch use other OpenMP runtimes: .NET's pool runs the work there.
        }

        using var warm = torch.ones(4); // libtorch (and its libgomp) loaded
        Assert.True(OpenMpTeam.Available, "libtorch's libgomp was not found");
        var threads = new int[4];
        var units = new int[100];
        OpenMpTeam.For(4, units.Length, (first, end) =>
        {
            for (var unit = first; unit < end; unit++) Interlocked.Increment(ref units[unit]);
            threads[first * 4 / units.Length] = Environment.CurrentManagedThreadId;
        });

        Assert.All(units, count => Assert.Equal(1, count));
        Assert.Equal(4, threads.Distinct().Count());
        Assert.Contains(Environment.CurrentManagedThreadId, threads); // the calling thread is the team's first
    }

    [Fact]
    public void AnExceptionInAnOpenMpThreadReachesTheCaller()
    {
        if (!OperatingSystem.IsLinux()) return;

        using var warm = torch.ones(4);
        var failure = Assert.Throws<InvalidOperationException>(() => OpenMpTeam.For(2, 10, (first, _) =>
        {
            if (first > 0) throw new InvalidOperationException("second half failed");
        }));
        Assert.Equal("second half failed", failure.Message);
    }

    private static T WithWorkers<T>(int workers, Func<T> run)
    {
        WorkSplitter.WorkerLimit = workers;
        try
        {
            return run();
        }
        finally
        {
            WorkSplitter.WorkerLimit = null;
        }
    }
}
