using ModelDsl.Spec.Catalog;

namespace ModelDsl.Spec.Layers
{
    /// <summary>The Hardswish activation, x * relu6(x + 3) / 6: <c>hardswish</c>. No weights; PyTorch module <c>nn.Hardswish</c>.</summary>
    public sealed record HardswishLayer : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Hardswish;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Hardswish, "hardswish", "Activation", "activation", "Hardswish", "Hardswish activation: x * relu6(x + 3) / 6.",
            new ArgumentDescriptor[0],
            _ => new HardswishLayer());

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context) => LayerOutcome.Shape(context.Input);
    }
}
