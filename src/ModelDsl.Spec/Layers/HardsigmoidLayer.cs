using ModelDsl.Spec.Catalog;

namespace ModelDsl.Spec.Layers
{
    /// <summary>The Hardsigmoid activation, relu6(x + 3) / 6: <c>hardsigmoid</c>. No weights; PyTorch module <c>nn.Hardsigmoid</c>.</summary>
    public sealed record HardsigmoidLayer : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Hardsigmoid;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Hardsigmoid, "hardsigmoid", "Activation", "activation", "Hardsigmoid", "Hardsigmoid activation: relu6(x + 3) / 6.",
            new ArgumentDescriptor[0],
            _ => new HardsigmoidLayer());

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context) => LayerOutcome.Shape(context.Input);
    }
}
