namespace ModelDsl
{
    /// <summary>An activation as a layer of its own (Keras <c>Activation</c>; PyTorch's <c>ReLU()</c> modules).</summary>
    public sealed class ActivationAttribute : LayerAttribute
    {
        /// <summary>An activation layer.</summary>
        /// <param name="activation">Which function.</param>
        public ActivationAttribute(Activation activation)
        {
            Function = activation;
        }

        /// <summary>Which function.</summary>
        public Activation Function { get; }
    }
}
