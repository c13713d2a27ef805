using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>
    /// Average pooling to a fixed output size, whatever the input size: <c>adaptiveavgpool2d(7)</c> or <c>adaptiveavgpool2d((7, 7))</c>,
    /// PyTorch's <c>nn.AdaptiveAvgPool2d</c> (window i of n covers rows floor(i*H/n) to ceil((i+1)*H/n)).
    /// </summary>
    /// <param name="OutputSize">Output height and width.</param>
    public sealed record AdaptiveAvgPool2DLayer(IntPair OutputSize) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.AdaptiveAvgPool2D;

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.AdaptiveAvgPool2D, "adaptiveavgpool2d", "AdaptiveAveragePooling2D", "adaptive_average_pooling2d", "AdaptiveAvgPool2d", "Average pooling to a fixed output size (PyTorch adaptive pooling).",
            new[] { new ArgumentDescriptor("output", ArgumentKind.Pair, null, "output size: n or HxW") },
            a => new AdaptiveAvgPool2DLayer(a.Pair("output")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context)
        {
            if (!context.RequireImage(out var failure)) return failure;
            if (OutputSize.H <= 0 || OutputSize.W <= 0) return context.Fail(Diagnostics.DiagnosticCatalog.BadArgument, "output", context.DisplayName, "sizes must be positive");
            return LayerOutcome.Shape(TensorShape.Of(context.Input.Channels, OutputSize.H, OutputSize.W));
        }
    }
}
