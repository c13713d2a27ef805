using static TorchSharp.torch;

namespace ModelDsl.Runtime.Padding;

/// <summary>
/// Keras/TensorFlow 'same' padding, which TorchSharp's layers cannot express when it is asymmetric (a stride
/// or an even kernel puts the odd pixel at the bottom/right). The layer is then built with padding 0 and
/// the input is padded here first, so the layer (and its state_dict names) stays TorchSharp's own.
/// </summary>
public static class SamePadding
{
    /// <summary>The sides TF's 'same' rule gives for one axis: output = ceil(input / stride).</summary>
    /// <param name="input">The axis length.</param>
    /// <param name="kernel">The window length.</param>
    /// <param name="stride">The stride.</param>
    /// <param name="dilation">The dilation.</param>
    /// <returns>Rows/columns added before and after; After is Before or Before + 1.</returns>
    public static (long Before, long After) For(long input, long kernel, long stride, long dilation = 1)
    {
        if (input < 1 || kernel < 1 || stride < 1 || dilation < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(input), $"'same' padding needs positive sizes, got input {input}, kernel {kernel}, stride {stride}, dilation {dilation}.");
        }
        var output = (input + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + (kernel - 1) * dilation + 1 - input, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>Zero-pads the last two axes of <paramref name="input"/> (NCHW) before a padding-0 convolution.</summary>
    /// <param name="input">The batch.</param>
    /// <param name="left">Columns added on the left.</param>
    /// <param name="right">Columns added on the right.</param>
    /// <param name="top">Rows added on top.</param>
    /// <param name="bottom">Rows added at the bottom.</param>
    public static Tensor ZeroPad(Tensor input, long left, long right, long top, long bottom) =>
        nn.functional.pad(input, (left, right, top, bottom));

    /// <summary>
    /// Pads the last two axes with -∞ before a padding-0 max pool: a padded cell never wins a window that
    /// holds a real value, so the result equals Keras's 'same' max pooling (zero padding would win over
    /// negative inputs) and the gradient flows only to real cells.
    /// </summary>
    /// <param name="input">The batch.</param>
    /// <param name="left">Columns added on the left.</param>
    /// <param name="right">Columns added on the right.</param>
    /// <param name="top">Rows added on top.</param>
    /// <param name="bottom">Rows added at the bottom.</param>
    public static Tensor MaxPoolPad(Tensor input, long left, long right, long top, long bottom) =>
        nn.functional.pad(input, (left, right, top, bottom), TorchSharp.PaddingModes.Constant, double.NegativeInfinity);
}
