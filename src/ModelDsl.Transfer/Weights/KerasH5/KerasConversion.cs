using ModelDsl.Spec.Shapes;
using static TorchSharp.torch;

namespace ModelDsl.Transfer.Weights.KerasH5;

/// <summary>How a Keras (channels-last) weight becomes a ModelDsl (channels-first) tensor.</summary>
internal enum KerasLayout
{
    /// <summary>Biases and BatchNorm vectors: the same in both.</summary>
    Same,
    /// <summary>Conv2D kernel (kh, kw, in, out) to (out, in, kh, kw).</summary>
    ConvKernel,
    /// <summary>DepthwiseConv2D kernel (kh, kw, in, mult) to (in * mult, 1, kh, kw).</summary>
    DepthwiseKernel,
    /// <summary>Dense kernel (in, out) to (out, in), rows reordered when a Flatten of a feature map feeds it.</summary>
    DenseKernel,
}

/// <summary>One Keras weight matched to a module tensor.</summary>
/// <param name="Weight">The weight in the file.</param>
/// <param name="ModuleKey">The module's state-dict key.</param>
/// <param name="Layout">How to convert it.</param>
/// <param name="FlattenedFrom">For a Dense kernel fed by a Flatten of a (C, H, W) map, that shape; else null.</param>
internal sealed record KerasTarget(KerasWeight Weight, string ModuleKey, KerasLayout Layout, TensorShape? FlattenedFrom)
{
    /// <summary>The shape the file must hold (Keras layout) for the module's tensor of <paramref name="moduleShape"/>.</summary>
    public long[] ExpectedFileShape(IReadOnlyList<long> moduleShape, IReadOnlyList<long> fileShape) => Layout switch
    {
        KerasLayout.ConvKernel when moduleShape.Count == 4 => [moduleShape[2], moduleShape[3], moduleShape[1], moduleShape[0]],
        // Keras numbers depthwise outputs channel-major (c * mult + m), as PyTorch's grouped convolution does.
        KerasLayout.DepthwiseKernel when moduleShape.Count == 4 =>
            [moduleShape[2], moduleShape[3], moduleShape[0] / Multiplier(moduleShape, fileShape), Multiplier(moduleShape, fileShape)],
        KerasLayout.DenseKernel when moduleShape.Count == 2 => [moduleShape[1], moduleShape[0]],
        _ => moduleShape.ToArray(),
    };

    /// <summary>Converts a tensor whose shape has been checked; the result is contiguous and owned by the caller.</summary>
    public Tensor Convert(Tensor keras)
    {
        var s = keras.shape;
        using var scope = NewDisposeScope();
        var converted = Layout switch
        {
            KerasLayout.ConvKernel => keras.permute(3, 2, 0, 1).contiguous(),
            KerasLayout.DepthwiseKernel => keras.permute(2, 3, 0, 1).contiguous().reshape(s[2] * s[3], 1, s[0], s[1]),
            // Keras flattens (H, W, C), ModelDsl (C, H, W): Keras row h*W*C + w*C + c is ModelDsl
            // column c*H*W + h*W + w, so view the rows as (H, W, C) and move C first.
            KerasLayout.DenseKernel when FlattenedFrom is { } map =>
                keras.reshape(map.Height, map.Width, map.Channels, s[1]).permute(3, 2, 0, 1).contiguous().reshape(s[1], s[0]),
            KerasLayout.DenseKernel => keras.t().contiguous(),
            _ => keras.contiguous().clone(),
        };
        return converted.MoveToOuterDisposeScope();
    }

    private static long Multiplier(IReadOnlyList<long> moduleShape, IReadOnlyList<long> fileShape) =>
        fileShape.Count == 4 && fileShape[3] > 0 && moduleShape[0] % fileShape[3] == 0 ? fileShape[3] : 1;
}
