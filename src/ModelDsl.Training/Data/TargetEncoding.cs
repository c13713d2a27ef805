namespace ModelDsl.Training.Data;

/// <summary>How a classification dataset encodes labels in its batches.</summary>
public enum TargetEncoding
{
    /// <summary>One int64 class index per example, shape [N] (for sparse categorical cross-entropy).</summary>
    ClassIndex,

    /// <summary>A float32 one-hot row per example, shape [N, classes] (Keras's <c>to_categorical</c>).</summary>
    OneHot,
}
