using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Shapes;

namespace ModelDsl.Spec.Layers
{
    /// <summary>The model input: a per-sample shape (NCHW without the batch), from the model's <c>input</c> parameter.</summary>
    /// <param name="Shape">Per-sample shape, e.g. [1, 28, 28].</param>
    public sealed record InputLayer(TensorShape Shape) : LayerSpec
    {
        /// <inheritdoc />
        public override LayerKind Kind => LayerKind.Input;

        /// <summary>Catalogue entry (not callable from a spec body; the model's input parameter creates it).</summary>
        public static LayerDescriptor Descriptor { get; } = new LayerDescriptor(
            LayerKind.Input, "input", "InputLayer", "input", "Input", "The model input.",
            new[] { new ArgumentDescriptor("shape", ArgumentKind.Shape, null, "per-sample shape CxHxW or F") },
            a => new InputLayer(a.Shape("shape")));

        /// <inheritdoc />
        public override LayerOutcome Infer(LayerContext context) => LayerOutcome.Shape(Shape);
    }
}
