using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>Max pooling. <c>maxpool2d(pool, stride=, padding=)</c>.</summary>
    /// <param name="Pool">Window size.</param>
    /// <param name="Stride">Stride.</param>
    /// <param name="Padding">Declared padding.</param>
    public sealed record MaxPool2DLayer(IntPair Pool, IntPair Stride, Padding Padding) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.MaxPool2D;

        /// <inheritdoc />
        public override IntPair? KernelSize => Pool;

        /// <summary>PyTorch's <c>ceil_mode</c>: the output size rounds up, so a last partial window still yields an output (never one starting in the right/bottom padding).</summary>
        public bool CeilMode { get; init; }

        /// <summary>Catalogue entry.</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.MaxPool2D, "maxpool2d", "MaxPooling2D", "max_pooling2d", "MaxPool2d", "Max pooling.",
            SpatialMath.PoolArguments(),
            a => new MaxPool2DLayer(a.Pair("pool"), SpatialMath.PoolStride(a), a.Padding("padding")) { CeilMode = a.Bool("ceil_mode") });

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context) => SpatialMath.Pool(context, Pool, Stride, Padding, CeilMode);
    }
}
