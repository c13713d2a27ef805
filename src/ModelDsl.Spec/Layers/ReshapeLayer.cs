using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Reshapes each sample: <c>reshape(64x4x4)</c> (NCHW order, batch excluded).</summary>
    /// <param name="Target">The per-sample target shape.</param>
    public sealed record ReshapeLayer(TensorShape Target) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Reshape;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Reshape, "reshape", "Reshape", "reshape", "Unflatten", "Reshapes each sample to the target shape.",
            new[] { new ArgumentDescriptor("shape", ArgumentKind.Shape, null, "target shape such as 64x4x4") },
            a => new ReshapeLayer(a.Shape("shape")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (Target.ElementCount != context.Input.ElementCount)
            {
                return context.Fail(DiagnosticCatalog.ReshapeMismatch, context.DisplayName, context.Input, context.Input.ElementCount, Target);
            }
            return LayerOutcome.Shape(Target);
        }
    }
}
