using System.Diagnostics;
using Xunit.Abstractions;
using ModelDsl.Torch.Nn;
using ModelDsl.Torch.Optim;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>
/// 20,000 training steps of a tiny convnet (batch 4: forward, loss, backward, RMSprop step, one dispose
/// scope per step) keep the resident set flat: less than 30 MB growth after 1,000 warm-up steps.
/// </summary>
[Collection(TensorProcessStateCollection.Name)]
public class TrainingStepMemoryTests(ITestOutputHelper output)
{
    private const int WarmUp = 1_000;
    private const int Steps = 20_000;
    private const long AllowedGrowthBytes = 30L << 20;

    private static long ResidentBytes()
    {
        // VmRSS from /proc is exact for this process; Process.WorkingSet64 is the same number, cached.
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    [Fact]
    public void TwentyThousandStepsKeepResidentMemoryFlat()
    {
        // One intra-op thread for this test's thread: the ops are far below libtorch's parallel grain,
        // and on a loaded machine OpenMP's barrier waits would make 20,000 steps take minutes.
        var previousThreads = ThreadIntraOp.Set(1);
        try
        {
            TrainAndMeasure();
        }
        finally
        {
            if (previousThreads > 0) ThreadIntraOp.Set(previousThreads);
        }
    }

    private void TrainAndMeasure()
    {
        using var model = new Sequential(
            new Conv2d(1, 4, 3), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(4 * 3 * 3, 3));
        using var optimizer = RmsProp.Keras(model.Parameters());
        Tensor x, y;
        using (DisposeScope.Begin())
        {
            x = Tensor.Randn(4, 1, 8, 8).DetachFromScope();
            y = Tensor.FromArray([0L, 1L, 2L, 1L], 4).DetachFromScope();
        }
        using (x)
        using (y)
        {
            float first = 0, last = 0;
            long baseline = 0;
            for (var step = 0; step < Steps; step++)
            {
                if (step == WarmUp)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    baseline = ResidentBytes();
                }
                using var scope = DisposeScope.Begin();
                optimizer.ZeroGrad();
                var loss = F.CrossEntropy(model.Forward(x), y);
                loss.Backward();
                optimizer.Step();
                if (step == 0) first = loss.Item<float>();
                if (step == Steps - 1) last = loss.Item<float>();
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var growth = ResidentBytes() - baseline;
            output.WriteLine($"RSS after warm-up {baseline / 1048576.0:F1} MB, growth over {Steps - WarmUp} steps {growth / 1048576.0:F2} MB; loss {first:F3} -> {last:F3}");
            Assert.True(growth < AllowedGrowthBytes, $"RSS grew by {growth / 1024.0 / 1024.0:F1} MB over {Steps - WarmUp} steps (allowed 30 MB).");
            // The loop really trained: four fixed samples are memorised.
            Assert.True(last < first * 0.5, $"loss went from {first} to {last}");
        }
    }
}
