namespace ModelDsl
{
    /// <summary>Augmentation: random flips during training; identity at inference.</summary>
    public sealed class RandomFlipAttribute : LayerAttribute
    {
        /// <summary>A random flip.</summary>
        /// <param name="mode">Which axes.</param>
        public RandomFlipAttribute(FlipMode mode = FlipMode.Horizontal)
        {
            Mode = mode;
        }

        /// <summary>Which axes.</summary>
        public FlipMode Mode { get; }
    }
}
