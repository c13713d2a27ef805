namespace ModelDsl
{
    /// <summary>Augmentation: random zoom by up to <see cref="Factor"/> during training.</summary>
    public sealed class RandomZoomAttribute : LayerAttribute
    {
        /// <summary>A random zoom.</summary>
        /// <param name="factor">Fraction of the size, e.g. 0.2.</param>
        public RandomZoomAttribute(double factor)
        {
            Factor = factor;
        }

        /// <summary>Fraction of the size.</summary>
        public double Factor { get; }
    }
}
