using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>Pooling operators with the preceding activation fused in, as TorchSharp autograd functions.</summary>
public static class Pooling
{
    /// <summary>
    /// <c>max_pool2d(relu(input), kernelSize, stride)</c> in one pass, with values and gradients identical to
    /// TorchSharp's two operators bit for bit (the first maximum of a window in row-major order takes the gradient, a
    /// NaN always wins, a window whose maximum is not positive passes no gradient).
    /// </summary>
    /// <remarks>
    /// The fused kernel covers 2x2 windows with stride 2 (floor mode, no padding: an odd last row or column is
    /// dropped) on float32 CPU tensors, contiguous NCHW or channels-last. It keeps no int64 indices and spends the
    /// forward pass's time on one read of the input. Anything else — other devices, dtypes, layouts or windows — is
    /// computed by TorchSharp's <c>relu</c> and <c>max_pool2d</c>, as is everything when the fused kernels are turned
    /// off (environment variable <c>MDSL_KERNELS=off</c>, or <see cref="FusedKernels.Enabled"/>). The fused backward
    /// is not itself differentiable (no double backward).
    /// </remarks>
    /// <param name="input">A 4-d tensor, N x C x H x W.</param>
    /// <param name="kernelSize">The square window's side.</param>
    /// <param name="stride">The window's step; the window's side when <see langword="null"/>.</param>
    /// <returns>The pooled tensor, N x C x floor((H - k) / s + 1) x floor((W - k) / s + 1), in the input's layout.</returns>
    public static Tensor ReluMaxPool2d(Tensor input, long kernelSize = 2, long? stride = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var step = stride ?? kernelSize;
        if (FusedKernels.Enabled && kernelSize == 2 && step == 2)
        {
            var layout = ReluMaxPool2x2.LayoutOf(input);
            if (layout != ReluMaxPool2x2.Layout.None)
            {
                return ReluMaxPool2dFunction.Apply(input, layout);
            }
        }

        using var activated = torch.nn.functional.relu(input);
        return torch.nn.functional.max_pool2d(activated, [kernelSize, kernelSize], [step, step]);
    }
}
