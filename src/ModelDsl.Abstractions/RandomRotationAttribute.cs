namespace ModelDsl
{
    /// <summary>Augmentation: random rotation by up to <see cref="Factor"/> of a full turn during training.</summary>
    public sealed class RandomRotationAttribute : LayerAttribute
    {
        /// <summary>A random rotation.</summary>
        /// <param name="factor">Fraction of 2π, e.g. 0.1.</param>
        public RandomRotationAttribute(double factor)
        {
            Factor = factor;
        }

        /// <summary>Fraction of 2π.</summary>
        public double Factor { get; }
    }
}
