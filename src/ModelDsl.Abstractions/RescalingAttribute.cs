namespace ModelDsl
{
    /// <summary>Preprocessing: multiplies by <see cref="Scale"/> and adds <see cref="Offset"/> (e.g. 1/255).</summary>
    public sealed class RescalingAttribute : LayerAttribute
    {
        /// <summary>A rescaling.</summary>
        /// <param name="scale">Factor.</param>
        /// <param name="offset">Added after scaling.</param>
        public RescalingAttribute(double scale, double offset = 0)
        {
            Scale = scale;
            Offset = offset;
        }

        /// <summary>Factor.</summary>
        public double Scale { get; }

        /// <summary>Added after scaling.</summary>
        public double Offset { get; }
    }
}
