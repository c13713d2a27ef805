using System.Linq;
using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Collections;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>
    /// Element-wise product of a fork's branch outputs with broadcasting (a dimension of 1 stretches):
    /// <c>fork mul { } { adaptiveavgpool2d(1) > ... > sigmoid }</c> is squeeze-and-excitation's x * scale.
    /// </summary>
    public sealed record MultiplyLayer : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Multiply;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Multiply, "mul", "Multiply", "multiply", "Mul", "Multiplies a fork's branch outputs element-wise (broadcasting).",
            new ArgumentDescriptor[0],
            _ => new MultiplyLayer());

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (context.Inputs.Count < 2)
            {
                return context.Fail(DiagnosticCatalog.BadMerge, "Layer '" + context.DisplayName + "' (Multiply) needs at least two inputs");
            }
            var dims = context.Inputs[0].Dims.ToArray();
            for (var i = 1; i < context.Inputs.Count; i++)
            {
                var other = context.Inputs[i];
                if (other.Rank != dims.Length) return context.Fail(DiagnosticCatalog.MultiplyShapeMismatch, context.DisplayName, context.Inputs[0], other);
                for (var d = 0; d < dims.Length; d++)
                {
                    if (dims[d] == other.Dims[d] || other.Dims[d] == 1) continue;
                    if (dims[d] != 1) return context.Fail(DiagnosticCatalog.MultiplyShapeMismatch, context.DisplayName, context.Inputs[0], other);
                    dims[d] = other.Dims[d];
                }
            }
            return LayerOutcome.Shape(new TensorShape(dims.ToEquatableArray()));
        }
    }
}
