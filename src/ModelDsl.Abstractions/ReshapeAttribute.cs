namespace ModelDsl
{
    /// <summary>Reshapes the features (batch axis excluded), e.g. <c>[Reshape(64, 7, 7)]</c>.</summary>
    public sealed class ReshapeAttribute : LayerAttribute
    {
        /// <summary>A reshape.</summary>
        /// <param name="shape">Target shape without the batch axis.</param>
        public ReshapeAttribute(params int[] shape)
        {
            Shape = shape;
        }

        /// <summary>Target shape without the batch axis.</summary>
        public int[] Shape { get; }
    }
}
