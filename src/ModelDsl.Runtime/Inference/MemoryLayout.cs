using static TorchSharp.torch;

namespace ModelDsl.Runtime.Inference;

/// <summary>
/// Channels-last (NHWC) storage for 4-d tensors. TorchSharp 0.107 has no memory-format argument, but a permuted
/// contiguous copy permuted back is exactly PyTorch's <c>channels_last</c> tensor, which convolution, pooling and
/// element-wise operators keep.
/// </summary>
internal static class MemoryLayout
{
    /// <summary>A channels-last copy of a 4-d tensor (the values and logical NCHW shape unchanged).</summary>
    public static Tensor ToChannelsLast(Tensor x)
    {
        using var nhwc = x.permute(0, 2, 3, 1);
        using var dense = nhwc.contiguous();
        return dense.permute(0, 3, 1, 2);
    }

    /// <summary>Whether a 4-d tensor is stored channels-last (channel stride 1, the others row-major over H, W, C).</summary>
    public static bool IsChannelsLast(Tensor x)
    {
        if (x.dim() != 4) return false;
        var s = x.stride();
        var n = x.shape;
        return s[1] == 1 && s[3] == n[1] && s[2] == n[1] * n[3];
    }
}
