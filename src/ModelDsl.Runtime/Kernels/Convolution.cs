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
}
