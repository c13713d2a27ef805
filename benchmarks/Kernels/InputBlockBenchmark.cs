using ModelDsl.Runtime.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks.Kernels;

/// <summary>
/// The seed's input block, <c>max_pool2d(relu(conv2d(x, w, b)), 2)</c> (1 -> 32 channels, 3x3, 28x28 images), three
/// ways: TorchSharp's three operators, ModelDsl's two earlier kernels (input convolution, then relu + pool) and the
/// one fused kernel the generator now emits.
/// </summary>
internal static class InputBlockBenchmark
{
    private const string Baseline = "conv2d + relu + max_pool2d TorchSharp";

    public static void Run(int rounds, int calls)
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.randn(64, 1, 28, 28);
        var weight = (torch.randn(32, 1, 3, 3) * 0.3).detach().requires_grad_(true);
        var bias = (torch.randn(32) * 0.1).detach().requires_grad_(true);
        var upstream = torch.randn(64, 32, 13, 13);

        void Step(Func<Tensor> block)
        {
            using var step = torch.NewDisposeScope();
            var y = block();
            torch.autograd.grad([y], [weight, bias], [upstream]);
        }

        var timing = new Timing();
        timing.Alternate(rounds, calls,
            (Baseline, () => Step(() => nn.functional.max_pool2d(nn.functional.relu(nn.functional.conv2d(images, weight, bias)), 2))),
            ("InputConv2d + ReluMaxPool2d", () => Step(() => Pooling.ReluMaxPool2d(Convolution.InputConv2d(images, weight, bias), 2))),
            ("InputConv2dReluMaxPool2d", () => Step(() => Convolution.InputConv2dReluMaxPool2d(images, weight, bias, 2))));
        timing.Print("[64,1,28,28] * [32,1,3,3] -> relu -> 2x2 max-pool, forward + weight/bias gradients per call", Baseline);
    }
}
