using ModelDsl.Spec.Catalog;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Augmentation (training only): <c>randomzoom(height)</c>. Randomly zooms images during training.</summary>
    /// <param name="Factor">The range of the transform (see the argument doc).</param>
    public sealed record RandomZoomLayer(double Factor) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.RandomZoom;

        /// <inheritdoc />
        public override bool IsTrainingOnly => true;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.RandomZoom, "randomzoom", "RandomZoom", "random_zoom", "RandomZoom", "Randomly zooms images during training.",
            new[] { new ArgumentDescriptor("height", ArgumentKind.Float, null, "zoom range as a fraction of the height") },
            a => new RandomZoomLayer(a.Float("height")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (!context.RequireImage(out var failure)) return failure;
            return LayerOutcome.Shape(context.Input);
        }
    }
}
