namespace ModelDsl
{
    /// <summary>Batch normalisation over channels (Keras <c>BatchNormalization</c>, PyTorch <c>BatchNorm2d</c>).</summary>
    public sealed class BatchNormalizationAttribute : LayerAttribute
    {
        /// <summary>Added to the variance (default 1e-3 as Keras; torchvision models use 1e-5).</summary>
        public double Epsilon { get; set; } = 1e-3;

        /// <summary>Keras-convention momentum of the moving statistics (default 0.99, i.e. PyTorch momentum 0.01).</summary>
        public double Momentum { get; set; } = 0.99;
    }
}
