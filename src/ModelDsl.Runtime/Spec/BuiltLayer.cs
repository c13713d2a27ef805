using ModelDsl.Spec.Shapes;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Spec;

/// <summary>
/// A node's TorchSharp module and the asymmetric pads the spec module applies to the input first (Keras
/// 'same' with a stride), kept outside the module so the module stays TorchSharp's with torchvision's names.
/// </summary>
/// <param name="Module">The module, or null for nodes that need none (input, add, concatenate).</param>
/// <param name="InputPads">Pads applied before the module, or null.</param>
/// <param name="PadValue">The value of the padded cells (0, or -∞ before a max pool).</param>
internal sealed record BuiltLayer(nn.Module<Tensor, Tensor>? Module, Pads? InputPads = null, double PadValue = 0)
{
    public static BuiltLayer None { get; } = new(Module: null);
}
