using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Zero padding: <c>zeropad2d(pads)</c> with p, PHxPW or (top, bottom, left, right).</summary>
    /// <param name="Pads">The pads.</param>
    public sealed record ZeroPadding2DLayer(Pads Pads) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.ZeroPadding2D;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.ZeroPadding2D, "zeropad2d", "ZeroPadding2D", "zero_padding2d", "ZeroPad2d", "Pads height and width with zeros.",
            new[] { new ArgumentDescriptor("pads", ArgumentKind.Pads, ArgValue.OfInt(1), "p, PHxPW or (top, bottom, left, right)") },
            a => new ZeroPadding2DLayer(a.Pads("pads")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (!context.RequireImage(out var failure)) return failure;
            var input = context.Input;
            var output = TensorShape.Of(input.Channels,
                ShapeArithmetic.Dimension((long)input.Height + Pads.Vertical, "the padded height"),
                ShapeArithmetic.Dimension((long)input.Width + Pads.Horizontal, "the padded width"));
            return context.Checked(new LayerOutcome(output, new WeightTensor[0], 0, Pads));
        }
    }
}
