using ModelDsl.Spec.Catalog;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Augmentation (training only): <c>randomtranslation(height, width)</c>, fractions of the image size.</summary>
    /// <param name="HeightFactor">Vertical shift range as a fraction of the height.</param>
    /// <param name="WidthFactor">Horizontal shift range as a fraction of the width.</param>
    public sealed record RandomTranslationLayer(double HeightFactor, double WidthFactor) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.RandomTranslation;

        /// <inheritdoc />
        public override bool IsTrainingOnly => true;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.RandomTranslation, "randomtranslation", "RandomTranslation", "random_translation", "RandomTranslation", "Randomly shifts images during training.",
            new[]
            {
                new ArgumentDescriptor("height", ArgumentKind.Float, null, "vertical range as a fraction of the height"),
                new ArgumentDescriptor("width", ArgumentKind.Float, null, "horizontal range as a fraction of the width"),
            },
            a => new RandomTranslationLayer(a.Float("height"), a.Float("width")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (!context.RequireImage(out var failure)) return failure;
            return LayerOutcome.Shape(context.Input);
        }
    }
}
