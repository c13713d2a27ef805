namespace ModelDsl
{
    /// <summary>Max pooling to a fixed output size whatever the input size (PyTorch <c>AdaptiveMaxPool2d</c>).</summary>
    public sealed class AdaptiveMaxPool2DAttribute : LayerAttribute
    {
        /// <summary>An adaptive max pool: <c>[AdaptiveMaxPool2D(1)]</c> (square) or <c>[AdaptiveMaxPool2D(6, 7)]</c> (height, width).</summary>
        /// <param name="output">The output size: one number for a square, or height and width.</param>
        public AdaptiveMaxPool2DAttribute(params int[] output)
        {
            Output = output;
        }

        /// <summary>The output size: one number for a square, or height and width.</summary>
        public System.Collections.Generic.IReadOnlyList<int> Output { get; }
    }
}
