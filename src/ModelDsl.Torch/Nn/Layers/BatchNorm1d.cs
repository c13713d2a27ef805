namespace ModelDsl.Torch.Nn;

/// <summary>Batch normalisation of [N, C] (or [N, C, L]) features (torch.nn.BatchNorm1d).</summary>
public sealed class BatchNorm1d : BatchNorm
{
    /// <summary>Creates the layer.</summary>
    public BatchNorm1d(long numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, expectedDims: 2)
    {
    }
}
