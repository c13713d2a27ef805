namespace ModelDsl.Torch.Nn;

/// <summary>Batch normalisation of NCHW feature maps (torch.nn.BatchNorm2d, Keras BatchNormalization after a conv).</summary>
public sealed class BatchNorm2d : BatchNorm
{
    /// <summary>Creates the layer; Keras's BatchNormalization defaults are eps 1e-3, momentum 0.01 (its 0.99).</summary>
    public BatchNorm2d(long numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
        : base(numFeatures, eps, momentum, affine, trackRunningStats, expectedDims: 4)
    {
    }
}
