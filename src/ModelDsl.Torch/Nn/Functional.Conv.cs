using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Nn;

/// <summary>
/// Stateless forms of the layers, activations and losses (as <c>torch.nn.functional</c>). Each takes
/// NCHW tensors, returns a new tensor owned by the current <see cref="DisposeScope"/>, and throws
/// <see cref="TorchException"/> naming the op and the shapes when the input does not fit.
/// </summary>
public static partial class Functional
{
    /// <summary>2-D convolution of <paramref name="input"/> [N, C, H, W] with <paramref name="weight"/> [out, C/groups, kH, kW].</summary>
    /// <param name="input">The batch, NCHW.</param>
    /// <param name="weight">The kernels.</param>
    /// <param name="bias">One value per output channel, or null.</param>
    /// <param name="stride">Step between windows (default 1).</param>
    /// <param name="padding">Valid (default), same (Keras rule, asymmetric when needed) or explicit sides.</param>
    /// <param name="dilation">Spacing of kernel taps (default 1).</param>
    /// <param name="groups">Channel groups; equal to C for a depthwise convolution.</param>
    public static unsafe Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, Size2d? stride = null,
        Padding2d padding = default, Size2d? dilation = null, long groups = 1)
    {
        var s = stride ?? 1;
        var d = dilation ?? 1;
        s.Require(nameof(stride), 1);
        d.Require(nameof(dilation), 1);
        var strides = stackalloc long[] { s.H, s.W };
        var pads = stackalloc long[] { padding.Left, padding.Right, padding.Top, padding.Bottom };
        var dilations = stackalloc long[] { d.H, d.W };
        var result = new Tensor(
            NativeMethods.mdsl_nn_conv2d(input.Ptr, weight.Ptr, bias?.Ptr ?? IntPtr.Zero, strides, pads, padding.IsSame ? 1 : 0, dilations, groups),
            "conv2d");
        GC.KeepAlive(input);
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        return result;
    }

    /// <summary>Adds zero rows and columns around the last two axes (Keras's ZeroPadding2D).</summary>
    public static Tensor ZeroPad2d(Tensor input, long left, long right, long top, long bottom)
    {
        var result = new Tensor(NativeMethods.mdsl_nn_zero_pad2d(input.Ptr, left, right, top, bottom), "zero_pad2d");
        GC.KeepAlive(input);
        return result;
    }
}
