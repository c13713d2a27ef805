using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Nn;

public static partial class Functional
{
    /// <summary>Max pooling over [N, C, H, W]; <paramref name="stride"/> defaults to the kernel size.</summary>
    /// <param name="input">The batch, NCHW.</param>
    /// <param name="kernel">Window size.</param>
    /// <param name="stride">Step between windows; null means the kernel size (as PyTorch and Keras).</param>
    /// <param name="padding">Implicit -inf padding on each side (at most half the kernel).</param>
    /// <param name="dilation">Spacing of window taps.</param>
    /// <param name="ceilMode">Round the output size up, so a partial window at the end counts.</param>
    public static Tensor MaxPool2d(Tensor input, Size2d kernel, Size2d? stride = null, Size2d? padding = null,
        Size2d? dilation = null, bool ceilMode = false)
        => MaxPool(input, kernel, stride, padding, dilation, ceilMode, reluFirst: false, "max_pool2d");

    /// <summary>
    /// <c>MaxPool2d(Relu(input))</c> in one pass, with the same values and gradients: the maximum commutes with
    /// ReLU, so the ReLU touches only the pooled elements and its backward over the full input disappears.
    /// Generated models use it where a ReLU-activated layer feeds a max pool.
    /// </summary>
    /// <param name="input">The batch before its ReLU, NCHW.</param>
    /// <param name="kernel">Window size.</param>
    /// <param name="stride">Step between windows; null means the kernel size.</param>
    /// <param name="padding">Implicit -inf padding on each side (at most half the kernel).</param>
    /// <param name="dilation">Spacing of window taps.</param>
    /// <param name="ceilMode">Round the output size up, so a partial window at the end counts.</param>
    public static Tensor ReluMaxPool2d(Tensor input, Size2d kernel, Size2d? stride = null, Size2d? padding = null,
        Size2d? dilation = null, bool ceilMode = false)
        => MaxPool(input, kernel, stride, padding, dilation, ceilMode, reluFirst: true, "relu_max_pool2d");

    private static unsafe Tensor MaxPool(Tensor input, Size2d kernel, Size2d? stride, Size2d? padding, Size2d? dilation,
        bool ceilMode, bool reluFirst, string op)
    {
        kernel.Require(nameof(kernel), 1);
        var s = stride ?? kernel;
        var p = padding ?? 0;
        var d = dilation ?? 1;
        var k = stackalloc long[] { kernel.H, kernel.W };
        var st = stackalloc long[] { s.H, s.W };
        var pd = stackalloc long[] { p.H, p.W };
        var dl = stackalloc long[] { d.H, d.W };
        var result = new Tensor(NativeMethods.mdsl_nn_max_pool2d(input.Ptr, k, st, pd, dl, ceilMode ? 1 : 0, reluFirst ? 1 : 0), op);
        GC.KeepAlive(input);
        return result;
    }

    /// <summary>Average pooling over [N, C, H, W]; <paramref name="stride"/> defaults to the kernel size.</summary>
    /// <param name="input">The batch, NCHW.</param>
    /// <param name="kernel">Window size.</param>
    /// <param name="stride">Step between windows; null means the kernel size.</param>
    /// <param name="padding">Zero padding on each side.</param>
    /// <param name="ceilMode">Round the output size up.</param>
    /// <param name="countIncludePad">Divide by the full window even where it covers padding (PyTorch's default).</param>
    public static unsafe Tensor AvgPool2d(Tensor input, Size2d kernel, Size2d? stride = null, Size2d? padding = null,
        bool ceilMode = false, bool countIncludePad = true)
    {
        kernel.Require(nameof(kernel), 1);
        var s = stride ?? kernel;
        var p = padding ?? 0;
        var k = stackalloc long[] { kernel.H, kernel.W };
        var st = stackalloc long[] { s.H, s.W };
        var pd = stackalloc long[] { p.H, p.W };
        var result = new Tensor(NativeMethods.mdsl_nn_avg_pool2d(input.Ptr, k, st, pd, ceilMode ? 1 : 0, countIncludePad ? 1 : 0), "avg_pool2d");
        GC.KeepAlive(input);
        return result;
    }

    /// <summary>Average pooling to a fixed output size, whatever the input size.</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor input, Size2d outputSize)
    {
        outputSize.Require(nameof(outputSize), 1);
        var result = new Tensor(NativeMethods.mdsl_nn_adaptive_avg_pool2d(input.Ptr, outputSize.H, outputSize.W), "adaptive_avg_pool2d");
        GC.KeepAlive(input);
        return result;
    }

    /// <summary>Mean over H and W: [N, C, H, W] to [N, C] (Keras's GlobalAveragePooling2D), or [N, C, 1, 1] with <paramref name="keepDims"/>.</summary>
    public static Tensor GlobalAvgPool2d(Tensor input, bool keepDims = false) => GlobalPool(input, isMax: false, keepDims, "global_avg_pool2d");

    /// <summary>Maximum over H and W: [N, C, H, W] to [N, C] (Keras's GlobalMaxPooling2D), or [N, C, 1, 1] with <paramref name="keepDims"/>.</summary>
    public static Tensor GlobalMaxPool2d(Tensor input, bool keepDims = false) => GlobalPool(input, isMax: true, keepDims, "global_max_pool2d");

    private static Tensor GlobalPool(Tensor input, bool isMax, bool keepDims, string op)
    {
        var result = new Tensor(NativeMethods.mdsl_nn_global_pool2d(input.Ptr, isMax ? 1 : 0, keepDims ? 1 : 0), op);
        GC.KeepAlive(input);
        return result;
    }
}
