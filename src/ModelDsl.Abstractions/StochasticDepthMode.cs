namespace ModelDsl
{
    /// <summary>What one stochastic-depth draw drops (torchvision's <c>mode</c>).</summary>
    public enum StochasticDepthMode
    {
        /// <summary>Each sample of the batch independently.</summary>
        Row = 0,
        /// <summary>The whole batch at once.</summary>
        Batch,
    }
}
