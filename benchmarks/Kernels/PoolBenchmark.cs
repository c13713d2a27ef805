using ModelDsl.Runtime.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks.Kernels;

/// <summary>Fused ReLU + 2x2 max-pool against max_pool2d(relu(x), 2) on the seed's two pool inputs, both layouts.</summary>
internal static class PoolBenchmark
{
    private const string Baseline = "max_pool2d(relu(x)) TorchSharp";

    public static void Run(int rounds, int calls)
    {
        foreach (var shape in new long[][] { [64, 32, 26, 26], [64, 64, 11, 11] })
        {
            foreach (var channelsLast in new[] { false, true })
            {
                using var scope = torch.NewDisposeScope();
                var x = torch.randn(shape);
                if (channelsLast)
                {
                    x = x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
                }

                x = x.detach().requires_grad_(true);
                var upstream = torch.randn(shape[0], shape[1], shape[2] / 2, shape[3] / 2);
                if (channelsLast)
                {
                    // In a channels-last network the gradient arriving at the pool is channels-last too.
                    upstream = upstream.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
                }

                void Step(Func<Tensor, Tensor> pool)
                {
                    using var step = torch.NewDisposeScope();
                    var y = pool(x);
                    torch.autograd.grad([y], [x], [upstream]);
                }

                var timing = new Timing();
                timing.Alternate(rounds, calls,
                    (Baseline, () => Step(v => torch.nn.functional.max_pool2d(torch.nn.functional.relu(v), [2L, 2L]))),
                    ("fused ReluMaxPool2d", () => Step(v => Pooling.ReluMaxPool2d(v))));
                timing.Print($"[{string.Join(",", shape)}] {(channelsLast ? "channels-last" : "NCHW")}, forward+backward per call",
                    Baseline);
            }
        }
    }
}
