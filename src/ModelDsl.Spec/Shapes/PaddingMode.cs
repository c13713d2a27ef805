namespace ModelDsl.Spec.Shapes
{
    /// <summary>How a convolution or pooling layer pads its input.</summary>
    public enum PaddingMode
    {
        /// <summary>No padding (Keras 'valid').</summary>
        Valid,

        /// <summary>Output size ceil(input / stride), padding split TensorFlow-style (extra row/col at bottom/right).</summary>
        Same,

        /// <summary>Explicit pads given in the spec (PyTorch style).</summary>
        Explicit,
    }
}
