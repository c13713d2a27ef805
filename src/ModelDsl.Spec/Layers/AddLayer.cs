using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Diagnostics;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Element-wise sum of two or more inputs of equal shape (the merge of a residual fork).</summary>
    public sealed record AddLayer : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Add;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Add, "add", "Add", "add", "Add", "Sums the outputs of a fork's branches.",
            new ArgumentDescriptor[0], _ => new AddLayer());

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (context.Inputs.Count < 2)
            {
                return context.Fail(DiagnosticCatalog.BadMerge, "Layer '" + context.DisplayName + "' (Add) needs at least two inputs");
            }
            var first = context.Inputs[0];
            for (var i = 1; i < context.Inputs.Count; i++)
            {
                if (!context.Inputs[i].Equals(first))
                {
                    return context.Fail(DiagnosticCatalog.AddShapeMismatch, context.DisplayName, first, context.Inputs[i]);
                }
            }
            return LayerOutcome.Shape(first);
        }
    }
}
