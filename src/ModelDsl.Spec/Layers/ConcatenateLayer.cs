using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>
    /// Concatenation of a fork's branch outputs: <c>concat(axis=1)</c>. The axis counts the batch as 0
    /// (PyTorch's convention), so 1 is channels; negative axes count from the end.
    /// </summary>
    /// <param name="Axis">The axis, batch included.</param>
    public sealed record ConcatenateLayer(int Axis) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Concatenate;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Concatenate, "concat", "Concatenate", "concatenate", "Cat", "Concatenates a fork's branch outputs along an axis.",
            new[] { new ArgumentDescriptor("axis", ArgumentKind.Int, ArgValue.OfInt(1), "axis counting the batch as 0 (1 = channels)") },
            a => new ConcatenateLayer(a.Int("axis")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (context.Inputs.Count < 2)
            {
                return context.Fail(DiagnosticCatalog.BadMerge, "Layer '" + context.DisplayName + "' (Concatenate) needs at least two inputs");
            }
            var first = context.Inputs[0];
            var rank = first.Rank;
            var axis = Axis < 0 ? rank + 1 + Axis : Axis;
            if (axis < 1 || axis > rank)
            {
                return context.Fail(DiagnosticCatalog.WrongInputRank, context.DisplayName, context.TypeName, "rank with axis " + Axis, first);
            }
            var dims = first.Dims.ToArray();
            for (var i = 1; i < context.Inputs.Count; i++)
            {
                var other = context.Inputs[i];
                var same = other.Rank == rank;
                for (var d = 0; same && d < rank; d++)
                {
                    if (d != axis - 1 && other.Dims[d] != dims[d]) same = false;
                }
                if (!same)
                {
                    return context.Fail(DiagnosticCatalog.ConcatShapeMismatch, context.DisplayName, first, other, Axis);
                }
                dims[axis - 1] = ShapeArithmetic.Dimension((long)dims[axis - 1] + other.Dims[axis - 1], "the concatenated size");
            }
            return LayerOutcome.Shape(new TensorShape(dims.ToEquatableArray()));
        }
    }
}
