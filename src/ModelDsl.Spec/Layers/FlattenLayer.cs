using System.Globalization;
using System.Linq;
using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Flattens a sample to a vector in NCHW order (PyTorch's order, so torchvision weights fit).</summary>
    public sealed record FlattenLayer : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Flatten;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Flatten, "flatten", "Flatten", "flatten", "Flatten", "Flattens each sample to a vector (C, H, W order).",
            new ArgumentDescriptor[0], _ => new FlattenLayer());

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            // One dimension holds the whole sample: it must fit a dimension, not just a 64-bit count.
            var dims = context.Input.Dims;
            var what = "the flattened size " + string.Join(" x ", dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + " =";
            var count = ShapeArithmetic.Product(dims, "the flattened size");
            return context.Checked(LayerOutcome.Shape(TensorShape.Of(ShapeArithmetic.Dimension(count, what))));
        }
    }
}
