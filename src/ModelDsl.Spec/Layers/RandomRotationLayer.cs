using ModelDsl.Spec.Catalog;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Augmentation (training only): <c>randomrotation(factor)</c>. Randomly rotates images during training by up to factor * 360 degrees.</summary>
    /// <param name="Factor">The range of the transform (see the argument doc).</param>
    public sealed record RandomRotationLayer(double Factor) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.RandomRotation;

        /// <inheritdoc />
        public override bool IsTrainingOnly => true;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.RandomRotation, "randomrotation", "RandomRotation", "random_rotation", "RandomRotation", "Randomly rotates images during training by up to factor * 360 degrees.",
            new[] { new ArgumentDescriptor("factor", ArgumentKind.Float, null, "fraction of a full turn") },
            a => new RandomRotationLayer(a.Float("factor")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (!context.RequireImage(out var failure)) return failure;
            return LayerOutcome.Shape(context.Input);
        }
    }
}
