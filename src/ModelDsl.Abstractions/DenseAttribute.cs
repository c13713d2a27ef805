namespace ModelDsl
{
    /// <summary>A fully connected layer (Keras <c>Dense</c>, PyTorch <c>Linear</c>) over a rank-1 feature axis.</summary>
    public sealed class DenseAttribute : LayerAttribute
    {
        /// <summary>A dense layer with a literal unit count.</summary>
        /// <param name="units">Output features.</param>
        /// <param name="activation">Activation applied after it.</param>
        public DenseAttribute(int units, Activation activation = Activation.None)
        {
            Units = units;
            Activation = activation;
        }

        /// <summary>A dense layer whose unit count is an expression (inside a block, or a model parameter such as <c>"classes"</c>).</summary>
        /// <param name="units">Output features as an expression.</param>
        /// <param name="activation">Activation applied after it.</param>
        public DenseAttribute(string units, Activation activation = Activation.None)
        {
            Units = units;
            Activation = activation;
        }

        /// <summary>Output features: an <see cref="int"/> or an expression string.</summary>
        public object Units { get; }

        /// <summary>Activation applied after the layer.</summary>
        public Activation Activation { get; }

        /// <summary>Whether the layer has a bias (default true).</summary>
        public bool UseBias { get; set; } = true;
    }
}
