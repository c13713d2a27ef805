namespace ModelDsl
{
    /// <summary>Average pooling to a fixed output size whatever the input size (PyTorch <c>AdaptiveAvgPool2d</c>).</summary>
    public sealed class AdaptiveAvgPool2DAttribute : LayerAttribute
    {
        /// <summary>An adaptive average pool: <c>[AdaptiveAvgPool2D(1)]</c> (square) or <c>[AdaptiveAvgPool2D(6, 7)]</c> (height, width).</summary>
        /// <param name="output">The output size: one number for a square, or height and width.</param>
        public AdaptiveAvgPool2DAttribute(params int[] output)
        {
            Output = output;
        }

        /// <summary>The output size: one number for a square, or height and width.</summary>
        public System.Collections.Generic.IReadOnlyList<int> Output { get; }
    }
}
