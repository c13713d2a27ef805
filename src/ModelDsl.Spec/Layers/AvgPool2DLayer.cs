using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Average pooling (padding excluded from the average only in Keras; PyTorch counts it: set count_include_pad=False at run time for 'same'). <c>avgpool2d(pool, stride=, padding=)</c>.</summary>
    /// <param name="Pool">Window size.</param>
    /// <param name="Stride">Stride.</param>
    /// <param name="Padding">Declared padding.</param>
    public sealed record AvgPool2DLayer(IntPair Pool, IntPair Stride, Padding Padding) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.AvgPool2D;

        /// <inheritdoc />
        public override IntPair? KernelSize => Pool;

        /// <summary>PyTorch's <c>ceil_mode</c>: the output size rounds up, so a last partial window still yields an output (never one starting in the right/bottom padding).</summary>
        public bool CeilMode { get; init; }

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.AvgPool2D, "avgpool2d", "AveragePooling2D", "average_pooling2d", "AvgPool2d", "Average pooling (padding excluded from the average only in Keras; PyTorch counts it: set count_include_pad=False at run time for 'same').",
            SpatialMath.PoolArguments(),
            a => new AvgPool2DLayer(a.Pair("pool"), SpatialMath.PoolStride(a), a.Padding("padding")) { CeilMode = a.Bool("ceil_mode") });

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context) => SpatialMath.Pool(context, Pool, Stride, Padding, CeilMode);
    }
}
