using ModelDsl.Spec.Catalog;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Preprocessing: <c>rescaling(scale, offset=0)</c> computes x * scale + offset.</summary>
    /// <param name="Scale">Multiplier (e.g. 1/255 written 0.00392156862745098).</param>
    /// <param name="Offset">Added after scaling.</param>
    public sealed record RescalingLayer(double Scale, double Offset) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Rescaling;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Rescaling, "rescaling", "Rescaling", "rescaling", "Rescaling", "Multiplies by scale and adds offset.",
            new[]
            {
                new ArgumentDescriptor("scale", ArgumentKind.Float, null, "multiplier"),
                new ArgumentDescriptor("offset", ArgumentKind.Float, ArgValue.OfFloat(0), "added after scaling"),
            },
            a => new RescalingLayer(a.Float("scale"), a.Float("offset")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context) => LayerOutcome.Shape(context.Input);
    }
}
