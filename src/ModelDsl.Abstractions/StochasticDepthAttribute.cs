namespace ModelDsl
{
    /// <summary>
    /// Stochastic depth (torchvision's <c>StochasticDepth</c>): in training, drops a residual branch with probability
    /// <see cref="P"/> and scales what survives by 1/(1 - p); the identity at inference. No weights.
    /// </summary>
    public sealed class StochasticDepthAttribute : LayerAttribute
    {
        /// <summary>A stochastic-depth layer.</summary>
        /// <param name="p">Drop probability in [0, 1).</param>
        public StochasticDepthAttribute(double p)
        {
            P = p;
        }

        /// <summary>Drop probability.</summary>
        public double P { get; }

        /// <summary>Per sample (<see cref="StochasticDepthMode.Row"/>, the default) or for the whole batch.</summary>
        public StochasticDepthMode Mode { get; set; }
    }
}
