namespace ModelDsl
{
    /// <summary>How a convolution or pooling window treats the border, as in Keras.</summary>
    public enum Padding
    {
        /// <summary>No padding: the output shrinks by the window's extent minus one.</summary>
        Valid = 0,
        /// <summary>Pad so that the output size is ceil(input / stride) (Keras/TF rule, extra pixel at bottom/right).</summary>
        Same,
    }
}
