using ModelDsl.Spec.Catalog;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Augmentation (training only): <c>randomflip(horizontal)</c>.</summary>
    /// <param name="Mode">horizontal, vertical or horizontal_and_vertical.</param>
    public sealed record RandomFlipLayer(string Mode) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.RandomFlip;

        /// <inheritdoc />
        public override bool IsTrainingOnly => true;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.RandomFlip, "randomflip", "RandomFlip", "random_flip", "RandomFlip", "Randomly flips images during training.",
            new[] { new ArgumentDescriptor("mode", ArgumentKind.FlipMode, ArgValue.OfName("horizontal_and_vertical"), "horizontal, vertical or horizontal_and_vertical") },
            a => new RandomFlipLayer(a.Name("mode")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (!context.RequireImage(out var failure)) return failure;
            return LayerOutcome.Shape(context.Input);
        }
    }
}
