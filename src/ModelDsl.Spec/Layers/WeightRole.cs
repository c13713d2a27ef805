namespace ModelDsl.Spec.Layers
{
    /// <summary>How a layer's tensor is counted by each convention.</summary>
    public enum WeightRole
    {
        /// <summary>A trainable parameter in Keras and PyTorch (kernel, bias, gamma, beta).</summary>
        Trainable,

        /// <summary>BatchNorm moving mean/variance: a non-trainable parameter in Keras, a buffer in PyTorch.</summary>
        RunningStatistic,

        /// <summary>BatchNorm's <c>num_batches_tracked</c>: a PyTorch buffer (scalar int64), absent in Keras.</summary>
        Counter,
    }
}
