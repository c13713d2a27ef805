using ModelDsl.Spec.Catalog;

namespace ModelDsl.Spec.Layers
{
    /// <summary>The SiLU activation, x * sigmoid(x): <c>silu</c> (alias <c>swish</c>). No weights; PyTorch module <c>nn.SiLU</c>.</summary>
    public sealed record SiluLayer : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Silu;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Silu, "silu", "Activation", "activation", "SiLU", "SiLU activation: x * sigmoid(x).",
            new ArgumentDescriptor[0],
            _ => new SiluLayer());

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context) => LayerOutcome.Shape(context.Input);
    }
}
