namespace ModelDsl
{
    /// <summary>A 2-D convolution (Keras <c>Conv2D</c>, PyTorch <c>Conv2d</c>) with a square kernel.</summary>
    public sealed class Conv2DAttribute : LayerAttribute
    {
        /// <summary>A convolution with a literal filter count.</summary>
        /// <param name="filters">Output channels.</param>
        /// <param name="kernel">Kernel height and width.</param>
        /// <param name="activation">Activation applied after it.</param>
        public Conv2DAttribute(int filters, int kernel, Activation activation = Activation.None)
        {
            Filters = filters;
            Kernel = kernel;
            Activation = activation;
        }

        /// <summary>A convolution inside a block whose filter count is an expression.</summary>
        /// <param name="filters">Output channels, or, inside a block, an expression over its parameters (e.g. <c>"f1"</c>).</param>
        /// <param name="kernel">Kernel height and width.</param>
        /// <param name="activation">Activation applied after it.</param>
        public Conv2DAttribute(string filters, int kernel, Activation activation = Activation.None)
        {
            Filters = filters;
            Kernel = kernel;
            Activation = activation;
        }

        /// <summary>Output channels: an <see cref="int"/>, or an expression string inside a block.</summary>
        public object Filters { get; }

        /// <summary>Kernel height and width.</summary>
        public int Kernel { get; }

        /// <summary>Activation applied after the convolution.</summary>
        public Activation Activation { get; }

        /// <summary>Stride: an <see cref="int"/> (default 1), or an expression string inside a block.</summary>
        public object Stride { get; set; } = 1;

        /// <summary>Border handling (default <see cref="ModelDsl.Padding.Valid"/>).</summary>
        public Padding Padding { get; set; }

        /// <summary>Explicit symmetric zero padding in pixels, as PyTorch's <c>padding=</c>; overrides <see cref="Padding"/> when set.</summary>
        public int Pad { get; set; } = -1;

        /// <summary>Dilation (default 1).</summary>
        public int Dilation { get; set; } = 1;

        /// <summary>Groups (default 1).</summary>
        public int Groups { get; set; } = 1;

        /// <summary>Whether the convolution has a bias (default true).</summary>
        public bool UseBias { get; set; } = true;
    }
}
