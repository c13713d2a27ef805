namespace ModelDsl
{
    /// <summary>A depthwise 2-D convolution: one filter per input channel (groups = channels).</summary>
    public sealed class DepthwiseConv2DAttribute : LayerAttribute
    {
        /// <summary>A depthwise convolution.</summary>
        /// <param name="kernel">Kernel height and width.</param>
        /// <param name="activation">Activation applied after it.</param>
        public DepthwiseConv2DAttribute(int kernel, Activation activation = Activation.None)
        {
            Kernel = kernel;
            Activation = activation;
        }

        /// <summary>Kernel height and width.</summary>
        public int Kernel { get; }

        /// <summary>Activation applied after the convolution.</summary>
        public Activation Activation { get; }

        /// <summary>Stride: an <see cref="int"/> (default 1), or an expression string inside a block.</summary>
        public object Stride { get; set; } = 1;

        /// <summary>Border handling (default <see cref="ModelDsl.Padding.Valid"/>).</summary>
        public Padding Padding { get; set; }

        /// <summary>Explicit symmetric zero padding in pixels; overrides <see cref="Padding"/> when set.</summary>
        public int Pad { get; set; } = -1;

        /// <summary>Output channels per input channel (default 1).</summary>
        public int DepthMultiplier { get; set; } = 1;

        /// <summary>Whether the convolution has a bias (default true).</summary>
        public bool UseBias { get; set; } = true;
    }
}
