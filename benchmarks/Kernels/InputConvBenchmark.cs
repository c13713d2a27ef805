using ModelDsl.Runtime.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks.Kernels;

/// <summary>The input-layer kernel against conv2d on the seed's first layer: 1 -> 32 channels, 3x3, 28x28 images.</summary>
internal static class InputConvBenchmark
{
    private const string Baseline = "conv2d TorchSharp";

    public static void Run(int rounds, int calls)
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.randn(64, 1, 28, 28);
        var weight = (torch.randn(32, 1, 3, 3) * 0.3).detach().requires_grad_(true);
        var bias = (torch.randn(32) * 0.1).detach().requires_grad_(true);
        var upstream = torch.randn(64, 32, 26, 26);

        void Step(Func<Tensor> conv)
        {
            using var step = torch.NewDisposeScope();
            var y = conv();
            torch.autograd.grad([y], [weight, bias], [upstream]);
        }

        var timing = new Timing();
        timing.Alternate(rounds, calls,
            (Baseline, () => Step(() => torch.nn.functional.conv2d(images, weight, bias))),
            ("InputConv2d", () => Step(() => Convolution.InputConv2d(images, weight, bias))));
        timing.Print("[64,1,28,28] * [32,1,3,3], forward + weight/bias gradients per call", Baseline);
    }
}
