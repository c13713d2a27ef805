namespace ModelDsl
{
    /// <summary>An activation applied after a layer, or by an <see cref="ActivationAttribute"/> layer of its own.</summary>
    public enum Activation
    {
        /// <summary>No activation (Keras's <c>linear</c>).</summary>
        None = 0,
        /// <summary>max(x, 0).</summary>
        Relu,
        /// <summary>min(max(x, 0), 6), as in MobileNetV2.</summary>
        Relu6,
        /// <summary>The logistic function.</summary>
        Sigmoid,
        /// <summary>The hyperbolic tangent.</summary>
        Tanh,
        /// <summary>Softmax over the feature axis; a classifier's last layer.</summary>
        Softmax,
    }
}
