using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Mean over height and width: <c>globalavgpool2d</c>, [C, H, W] to [C].</summary>
    public sealed record GlobalAveragePooling2DLayer : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.GlobalAveragePooling2D;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.GlobalAveragePooling2D, "globalavgpool2d", "GlobalAveragePooling2D", "global_average_pooling2d", "AdaptiveAvgPool2d", "Mean over height and width (output size 1, flattened).",
            new ArgumentDescriptor[0], _ => new GlobalAveragePooling2DLayer());

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (!context.RequireImage(out var failure)) return failure;
            return LayerOutcome.Shape(TensorShape.Of(context.Input.Channels));
        }
    }
}
