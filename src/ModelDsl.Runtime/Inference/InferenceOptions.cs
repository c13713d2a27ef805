namespace ModelDsl.Runtime.Inference;

/// <summary>How an <see cref="InferencePlan"/> prepares a model's weights and runs it.</summary>
public sealed record InferenceOptions
{
    /// <summary>The options <see cref="InferencePath"/> uses when none are given.</summary>
    public static InferenceOptions Default { get; } = new();

    /// <summary>
    /// Fold each BatchNorm whose only input is a convolution or dense layer (with no activation in between) into
    /// that layer's weight and bias, so inference runs one operator instead of two. Default on.
    /// </summary>
    public bool FoldBatchNorm { get; init; } = true;

    /// <summary>
    /// Run convolutions on channels-last (NHWC) activations with channels-last weights, converted once: oneDNN's
    /// preferred layout on CPUs, which saves a reorder of every activation per convolution. Default on.
    /// </summary>
    public bool ChannelsLast { get; init; } = true;

    /// <summary>
    /// Use ModelDsl's fused C# kernels where they apply (ReLU + 2x2 max-pool in one pass without indices, the
    /// single-channel input convolution), when <see cref="Kernels.FusedKernels.Enabled"/> is also on. Default on.
    /// </summary>
    public bool FusedKernels { get; init; } = true;
}
