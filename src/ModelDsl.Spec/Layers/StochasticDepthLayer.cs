using ModelDsl.Spec.Catalog;

namespace ModelDsl.Spec.Layers
{
    /// <summary>
    /// Stochastic depth (Huang et al. 2016), torchvision's <c>StochasticDepth(p, mode)</c>: in training it
    /// zeroes the residual branch with probability p (per sample for <c>row</c>, for the whole batch for
    /// <c>batch</c>) and rescales by 1/(1-p); at inference it is the identity. <c>stochasticdepth(0.2, row)</c>.
    /// </summary>
    /// <param name="Probability">Drop probability in [0, 1).</param>
    /// <param name="Mode"><c>row</c> or <c>batch</c>.</param>
    public sealed record StochasticDepthLayer(double Probability, string Mode) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.StochasticDepth;

        /// <inheritdoc />
        public override bool IsTrainingOnly => true;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.StochasticDepth, "stochasticdepth", "StochasticDepth", "stochastic_depth", "StochasticDepth", "Drops a residual branch in training (identity at inference).",
            new[]
            {
                new ArgumentDescriptor("p", ArgumentKind.Rate, null, "drop probability in [0, 1)"),
                new ArgumentDescriptor("mode", ArgumentKind.DepthMode, ArgValue.OfName("row"), "row (per sample) or batch"),
            },
            a => new StochasticDepthLayer(a.Float("p"), a.Name("mode")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context) => LayerOutcome.Shape(context.Input);
    }
}
