namespace ModelDsl
{
    /// <summary>Augmentation: random shifts during training.</summary>
    public sealed class RandomTranslationAttribute : LayerAttribute
    {
        /// <summary>A random translation.</summary>
        /// <param name="height">Fraction of the height.</param>
        /// <param name="width">Fraction of the width.</param>
        public RandomTranslationAttribute(double height, double width)
        {
            Height = height;
            Width = width;
        }

        /// <summary>Fraction of the height.</summary>
        public double Height { get; }

        /// <summary>Fraction of the width.</summary>
        public double Width { get; }
    }
}
