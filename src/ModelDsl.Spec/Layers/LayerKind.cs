namespace ModelDsl.Spec.Layers
{
    /// <summary>Every layer kind the IR knows. Append only: the generator and runtime switch on it.</summary>
    public enum LayerKind
    {
        /// <summary>The model input.</summary>
        Input,

        /// <summary>2-D convolution (grouped, dilated, strided).</summary>
        Conv2D,

        /// <summary>Depthwise 2-D convolution (groups = input channels, depth multiplier).</summary>
        DepthwiseConv2D,

        /// <summary>2-D max pooling.</summary>
        MaxPool2D,

        /// <summary>2-D average pooling.</summary>
        AvgPool2D,

        /// <summary>Mean over H and W: [C,H,W] to [C].</summary>
        GlobalAveragePooling2D,

        /// <summary>Max over H and W: [C,H,W] to [C].</summary>
        GlobalMaxPooling2D,

        /// <summary>Explicit zero padding.</summary>
        ZeroPadding2D,

        /// <summary>Flattens a sample to a vector (NCHW order).</summary>
        Flatten,

        /// <summary>Fully connected layer.</summary>
        Dense,

        /// <summary>Dropout.</summary>
        Dropout,

        /// <summary>Batch normalization over channels.</summary>
        BatchNormalization,

        /// <summary>A standalone activation.</summary>
        Activation,

        /// <summary>Element-wise sum of two or more inputs.</summary>
        Add,

        /// <summary>Concatenation along an axis.</summary>
        Concatenate,

        /// <summary>Reshape a sample.</summary>
        Reshape,

        /// <summary>Preprocessing: x * scale + offset.</summary>
        Rescaling,

        /// <summary>Augmentation: random flips (training only).</summary>
        RandomFlip,

        /// <summary>Augmentation: random rotation (training only).</summary>
        RandomRotation,

        /// <summary>Augmentation: random zoom (training only).</summary>
        RandomZoom,

        /// <summary>Augmentation: random translation (training only).</summary>
        RandomTranslation,

        /// <summary>Average pooling to a fixed output size (PyTorch's AdaptiveAvgPool2d).</summary>
        AdaptiveAvgPool2D,

        /// <summary>Max pooling to a fixed output size (PyTorch's AdaptiveMaxPool2d).</summary>
        AdaptiveMaxPool2D,

        /// <summary>x * sigmoid(x) (SiLU, Swish).</summary>
        Silu,

        /// <summary>x * relu6(x + 3) / 6.</summary>
        Hardswish,

        /// <summary>relu6(x + 3) / 6.</summary>
        Hardsigmoid,

        /// <summary>x * Phi(x) (exact, erf-based).</summary>
        Gelu,

        /// <summary>Element-wise product of two or more inputs, broadcasting (squeeze-and-excitation's scale).</summary>
        Multiply,

        /// <summary>Channel shuffle across groups (ShuffleNet).</summary>
        ChannelShuffle,

        /// <summary>Stochastic depth: drops a residual branch in training, identity at inference.</summary>
        StochasticDepth,

        /// <summary>One of n equal channel chunks (torch.chunk along channels; ShuffleNetV2's split).</summary>
        Chunk,
    }
}
