using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ModelDsl.Torch.Tests;

/// <summary>A long loop of small tensor/autograd steps, each in its own dispose scope, keeps RSS flat.</summary>
[Collection(TensorProcessStateCollection.Name)]
public partial class MemoryTests(ITestOutputHelper output)
{
    private const int WarmUpSteps = 1_000;
    private const int Steps = 20_000;
    // A leak of one 32x16 float tensor per step would be 20,000 x 2 KB = 40 MB; allocator noise stays far below.
    private const long BoundBytes = 20L * 1024 * 1024;

    [Fact]
    public void TwentyThousandStepsKeepRssFlat()
    {
        using var root = DisposeScope.Begin();
        TorchRuntime.ManualSeed(11);
        var w = Tensor.Randn(16, 4).RequiresGrad_();
        long rssAfterWarmUp = 0;
        for (var step = 0; step < Steps; step++)
        {
            if (step == WarmUpSteps)
            {
                GC.Collect();
                rssAfterWarmUp = Rss();
            }
            using var scope = DisposeScope.Begin();
            var x = Tensor.Randn(32, 16);
            var y = x.Matmul(w).Clamp(min: 0);
            var loss = (y - 1.0).Pow(2).Mean() + w.Abs().Sum() * 1e-4;
            loss.Backward();
            using (NoGradScope.Begin())
            {
                w.Add_(w.Grad!, alpha: -1e-3);
            }
            w.Grad = null;
            _ = loss.ToScalar();
        }
        GC.Collect();
        var growth = Rss() - rssAfterWarmUp;
        output.WriteLine($"RSS after warm-up {rssAfterWarmUp / 1024} KB, growth over {Steps - WarmUpSteps} steps {growth / 1024} KB");
        Assert.Equal(1, root.Count); // only w
        Assert.True(growth < BoundBytes, $"RSS grew by {growth / 1024} KB over {Steps - WarmUpSteps} steps (bound {BoundBytes / 1024} KB)");
    }

    private static long Rss()
    {
        var match = VmRss().Match(File.ReadAllText("/proc/self/status"));
        return long.Parse(match.Groups[1].Value) * 1024;
    }

    [GeneratedRegex(@"VmRSS:\s+(\d+) kB")]
    private static partial Regex VmRss();
}
