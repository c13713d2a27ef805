namespace ModelDsl
{
    /// <summary>Average pooling over a square window (Keras <c>AveragePooling2D</c>).</summary>
    public sealed class AvgPool2DAttribute : LayerAttribute
    {
        /// <summary>A pooling layer.</summary>
        /// <param name="pool">Window height and width.</param>
        public AvgPool2DAttribute(int pool)
        {
            Pool = pool;
        }

        /// <summary>Window height and width.</summary>
        public int Pool { get; }

        /// <summary>Stride (default: the window size).</summary>
        public int Stride { get; set; } = 0;

        /// <summary>Border handling (default <see cref="ModelDsl.Padding.Valid"/>).</summary>
        public Padding Padding { get; set; }

        /// <summary>Explicit symmetric zero padding in pixels; overrides <see cref="Padding"/> when set.</summary>
        public int Pad { get; set; } = -1;

        /// <summary>PyTorch's <c>ceil_mode</c>: the output size rounds up, so a last partial window still yields an output (default false).</summary>
        public bool CeilMode { get; set; }
    }
}
