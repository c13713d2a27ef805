namespace ModelDsl
{
    /// <summary>Zeroes a fraction of the inputs during training and scales the rest.</summary>
    public sealed class DropoutAttribute : LayerAttribute
    {
        /// <summary>A dropout layer.</summary>
        /// <param name="rate">Fraction dropped, in [0, 1).</param>
        public DropoutAttribute(double rate)
        {
            Rate = rate;
        }

        /// <summary>Fraction dropped.</summary>
        public double Rate { get; }
    }
}
