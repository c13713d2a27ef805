namespace ModelDsl.Spec.Shapes
{
    /// <summary>Element-wise activations, fused into a layer or standalone.</summary>
    public enum ActivationKind
    {
        /// <summary>Identity (Keras 'linear').</summary>
        Linear,

        /// <summary>max(x, 0).</summary>
        Relu,

        /// <summary>min(max(x, 0), 6).</summary>
        Relu6,

        /// <summary>1 / (1 + e^-x).</summary>
        Sigmoid,

        /// <summary>Hyperbolic tangent.</summary>
        Tanh,

        /// <summary>Softmax over the feature axis (axis 1 in NCHW).</summary>
        Softmax,
    }
}
