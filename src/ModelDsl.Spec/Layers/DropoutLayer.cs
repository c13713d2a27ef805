using ModelDsl.Spec.Catalog;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Dropout: <c>dropout(rate)</c>, active in training only.</summary>
    /// <param name="Rate">Probability of zeroing an element, in [0, 1).</param>
    public sealed record DropoutLayer(double Rate) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Dropout;

        /// <inheritdoc />
        public override bool IsTrainingOnly => true;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Dropout, "dropout", "Dropout", "dropout", "Dropout", "Randomly zeroes elements during training.",
            new[] { new ArgumentDescriptor("rate", ArgumentKind.Rate, ArgValue.OfFloat(0.5), "drop probability in [0, 1)") },
            a => new DropoutLayer(a.Float("rate")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context) => LayerOutcome.Shape(context.Input);
    }
}
