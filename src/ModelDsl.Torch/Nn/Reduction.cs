namespace ModelDsl.Torch.Nn;

/// <summary>How a loss combines its per-sample values; numbered as libtorch's <c>at::Reduction</c>.</summary>
public enum Reduction
{
    /// <summary>One value per sample.</summary>
    None = 0,
    /// <summary>The mean over samples (PyTorch's and Keras's default).</summary>
    Mean = 1,
    /// <summary>The sum over samples.</summary>
    Sum = 2,
}
