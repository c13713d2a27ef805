using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Max over height and width: <c>globalmaxpool2d</c>, [C, H, W] to [C].</summary>
    public sealed record GlobalMaxPooling2DLayer : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.GlobalMaxPooling2D;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.GlobalMaxPooling2D, "globalmaxpool2d", "GlobalMaxPooling2D", "global_max_pooling2d", "AdaptiveMaxPool2d", "Max over height and width (output size 1, flattened).",
            new ArgumentDescriptor[0], _ => new GlobalMaxPooling2DLayer());

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (!context.RequireImage(out var failure)) return failure;
            return LayerOutcome.Shape(TensorShape.Of(context.Input.Channels));
        }
    }
}
