using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// Which tensors the fused ReLU + 2x2 max-pool kernel covers, and its forward and backward over a whole tensor in
/// either memory layout, split across threads.
/// </summary>
internal static unsafe class ReluMaxPool2x2
{
    /// <summary>The memory layouts the kernel reads.</summary>
    public enum Layout
    {
        /// <summary>Not covered: the caller falls back to TorchSharp's operators.</summary>
        None,

        /// <summary>Contiguous NCHW.</summary>
        ChannelsFirst,

        /// <summary>Channels-last: N, H, W, C in memory.</summary>
        ChannelsLast,
    }

    /// <summary>The layout the kernel would read <paramref name="input"/> in, or <see cref="Layout.None"/>.</summary>
    public static Layout LayoutOf(Tensor input)
    {
        if (input.device_type != DeviceType.CPU || input.dtype != ScalarType.Float32 || input.dim() != 4
            || !TensorMemory.FitsSpan(input))
        {
            return Layout.None;
        }

        // Empty tensors and windows that do not fit go to libtorch, which reports them its own way.
        var shape = input.shape;
        if (shape[0] == 0 || shape[1] == 0 || shape[2] < 2 || shape[3] < 2)
        {
            return Layout.None;
        }

        if (input.is_contiguous())
        {
            return Layout.ChannelsFirst;
        }

        return TensorMemory.IsChannelsLast(input) ? Layout.ChannelsLast : Layout.None;
    }

    /// <summary>relu(max(window)) for every window, in the input's layout.</summary>
    public static Tensor Forward(Tensor input, Layout layout)
    {
        var (n, c, h, w) = Dimensions(input);
        int outHeight = h / 2, outWidth = w / 2;
        if (layout == Layout.ChannelsFirst)
        {
            var output = torch.empty([n, c, outHeight, outWidth], ScalarType.Float32);
            nint source = (nint)TensorMemory.Floats(input), target = (nint)TensorMemory.Floats(output);
            WorkSplitter.For(n * c, (long)h * w, (first, end) =>
                ReluMaxPool2x2Nchw.Forward((float*)source, (float*)target, first, end, h, w));
            return output;
        }

        var channelsLast = torch.empty_strided([n, c, outHeight, outWidth],
            [(long)outHeight * outWidth * c, 1, (long)outWidth * c, c], ScalarType.Float32);
        using var inputView = input.permute(0, 2, 3, 1);
        using var outputView = channelsLast.permute(0, 2, 3, 1);
        nint from = (nint)TensorMemory.Floats(inputView), to = (nint)TensorMemory.Floats(outputView);
        WorkSplitter.For(n * outHeight, 2L * w * c, (first, end) =>
            ReluMaxPool2x2Nhwc.Forward((float*)from, (float*)to, first, end, h, w, c));
        return channelsLast;
    }

    /// <summary>The input gradient for <paramref name="gradOutput"/>, in the input's layout.</summary>
    public static Tensor Backward(Tensor input, Tensor gradOutput, Layout layout)
    {
        var (n, c, h, w) = Dimensions(input);
        if (layout == Layout.ChannelsFirst)
        {
            using var gradient = gradOutput.to_type(ScalarType.Float32).contiguous();
            var gradInput = torch.empty([n, c, h, w], ScalarType.Float32);
            nint source = (nint)TensorMemory.Floats(input), incoming = (nint)TensorMemory.Floats(gradient);
            nint target = (nint)TensorMemory.Floats(gradInput);
            WorkSplitter.For(n * c, 2L * h * w, (first, end) =>
                ReluMaxPool2x2Nchw.Backward((float*)source, (float*)incoming, (float*)target, first, end, h, w));
            return gradInput;
        }

        var channelsLast = torch.empty_strided([n, c, h, w], [(long)h * w * c, 1, (long)w * c, c], ScalarType.Float32);
        using var gradView = gradOutput.permute(0, 2, 3, 1);
        using var gradientLast = gradView.to_type(ScalarType.Float32).contiguous();
        using var inputView = input.permute(0, 2, 3, 1);
        using var targetView = channelsLast.permute(0, 2, 3, 1);
        nint from = (nint)TensorMemory.Floats(inputView), grads = (nint)TensorMemory.Floats(gradientLast);
        nint to = (nint)TensorMemory.Floats(targetView);
        WorkSplitter.For(n * (h / 2), 4L * w * c, (first, end) =>
            ReluMaxPool2x2Nhwc.Backward((float*)from, (float*)grads, (float*)to, first, end, h, w, c));
        return channelsLast;
    }

    private static (int N, int C, int H, int W) Dimensions(Tensor input)
    {
        var shape = input.shape;
        return ((int)shape[0], (int)shape[1], (int)shape[2], (int)shape[3]);
    }
}
