using ModelDsl.Spec.Catalog;

namespace ModelDsl.Spec.Layers
{
    /// <summary>The GELU activation, x * Phi(x), the exact (erf) form: <c>gelu</c>. No weights; PyTorch module <c>nn.GELU</c>.</summary>
    public sealed record GeluLayer : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Gelu;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Gelu, "gelu", "Activation", "activation", "GELU", "GELU activation: x * Phi(x), the exact (erf) form.",
            new ArgumentDescriptor[0],
            _ => new GeluLayer());

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context) => LayerOutcome.Shape(context.Input);
    }
}
