using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>Convolutions specialised for cases TorchSharp's general kernel handles slowly, as autograd functions.</summary>
public static class Convolution
{
    /// <summary>
    /// <c>conv2d(input, weight, bias)</c> (stride 1, no padding, no dilation, one group) for a network's input layer:
    /// a direct kernel for single-channel float32 CPU images and 3x3 filters whose backward computes only the weight and
    /// bias gradients, since the input (data) needs none.
    /// </summary>
    /// <remarks>
    /// Used when the input is contiguous NCHW with one channel and does not require a gradient, the kernel is 3x3, the
    /// output is at least 8 columns wide and the CPU has AVX2 and FMA; everything else, and everything when the fused
    /// kernels are turned off (environment variable <c>MDSL_KERNELS=off</c>, or <see cref="FusedKernels.Enabled"/>),
    /// is computed by TorchSharp's <c>conv2d</c>. Results agree with <c>conv2d</c> to float rounding (sums are taken
    /// in another order); for a given thread count they are deterministic. The backward is not differentiable again.
    /// </remarks>
    /// <param name="input">Images, N x 1 x H x W.</param>
    /// <param name="weight">Filters, K x 1 x 3 x 3.</param>
    /// <param name="bias">Per-filter offsets (K), or <see langword="null"/>.</param>
    /// <returns>N x K x (H - 2) x (W - 2).</returns>
    public static Tensor InputConv2d(Tensor input, Tensor weight, Tensor? bias = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (FusedKernels.Enabled && InputConv3x3.Covers(input, weight, bias))
        {
            return InputConv2dFunction.Apply(input, weight, bias);
        }

        return torch.nn.functional.conv2d(input, weight, bias);
    }

    /// <summary>
    /// <c>max_pool2d(relu(conv2d(input, weight, bias)), poolSize)</c> for a network's input block, in one pass when the
    /// fused kernel covers it: the full-resolution convolution output is never stored, and backward computes the weight
    /// and bias gradients from one byte per pooling window instead of a full-resolution gradient.
    /// </summary>
    /// <remarks>
    /// Covered: everything <see cref="InputConv2d"/> covers (single-channel float32 CPU images that need no gradient,
    /// 3x3 filters, stride 1, no padding, output rows at least eight wide, AVX2 and FMA) with a 2x2 stride-2 pool (pooled
    /// rows at least eight wide on CPUs without AVX-512). Values are bit for bit those of <see cref="InputConv2d"/>
    /// followed by <see cref="Pooling.ReluMaxPool2d"/>, which is what runs otherwise (each with its own fallback to TorchSharp's operators); the weight and bias
    /// gradients agree with them to float rounding (the sums run in another order) and, for a given input, do not
    /// depend on the number of threads. The backward is not differentiable again.
    /// </remarks>
    /// <param name="input">Images, N x 1 x H x W.</param>
    /// <param name="weight">Filters, K x 1 x 3 x 3.</param>
    /// <param name="bias">Per-filter offsets (K), or <see langword="null"/>.</param>
    /// <param name="poolSize">The max pool's square window, equal to its stride.</param>
    /// <returns>N x K x floor((H - 2) / poolSize) x floor((W - 2) / poolSize).</returns>
    public static Tensor InputConv2dReluMaxPool2d(Tensor input, Tensor weight, Tensor? bias, long poolSize)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        if (FusedKernels.Enabled && InputConvReluPool.Covers(input, weight, bias, poolSize, poolSize))
        {
            if (!torch.is_grad_enabled() || !(weight.requires_grad || bias is { requires_grad: true }))
            {
                // Nothing will ask for a gradient: no graph node and no winners to keep.
                var (output, _) = InputConvReluPool.Forward(input, weight, bias, withWinners: false, InputConvReluPool.Wide);
                return output;
            }

            return InputConvReluPoolFunction.Apply(input, weight, bias);
        }

        using var convolved = InputConv2d(input, weight, bias);
        return Pooling.ReluMaxPool2d(convolved, poolSize);
    }
}
