namespace ModelDsl.Vision;

/// <summary>How an image folder's class labels become batch targets (Keras's <c>class_mode</c>).</summary>
public enum ClassMode
{
    /// <summary>A float32 one-hot row per image, shape [N, classes].</summary>
    Categorical,

    /// <summary>A float32 0 or 1 per image, shape [N]; the folder must hold exactly two classes.</summary>
    Binary,

    /// <summary>An int64 class index per image, shape [N] (for sparse categorical cross-entropy).</summary>
    Sparse,

    /// <summary>No labels: targets are an empty float32 tensor of shape [N, 0] (for prediction).</summary>
    None,
}
