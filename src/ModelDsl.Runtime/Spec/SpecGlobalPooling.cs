using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

/// <summary>
/// Keras's global pooling layers, which flatten to [N, C]: TorchSharp's adaptive pooling to 1x1 followed by
/// its <c>Flatten</c>, in a <c>Sequential</c> (neither holds state, so state_dict names are unaffected).
/// </summary>
internal static class SpecGlobalPooling
{
    public static nn.Module<Tensor, Tensor> Average() => nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten());

    public static nn.Module<Tensor, Tensor> Max() => nn.Sequential(nn.AdaptiveMaxPool2d([1L, 1L]), nn.Flatten());
}
