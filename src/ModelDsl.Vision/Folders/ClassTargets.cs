using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Vision;

/// <summary>Builds the target tensor of a batch from class labels, per <see cref="ClassMode"/>.</summary>
internal static class ClassTargets
{
    internal static Tensor Build(ClassMode mode, ReadOnlySpan<int> labels, int classCount)
    {
        var n = labels.Length;
        switch (mode)
        {
            case ClassMode.Categorical:
                var oneHot = new float[n * classCount];
                for (var i = 0; i < n; i++) oneHot[i * classCount + labels[i]] = 1f;
                return torch.tensor(oneHot, [n, classCount]);
            case ClassMode.Binary:
                var binary = new float[n];
                for (var i = 0; i < n; i++) binary[i] = labels[i];
                return torch.tensor(binary, [n]);
            case ClassMode.Sparse:
                var indices = new long[n];
                for (var i = 0; i < n; i++) indices[i] = labels[i];
                return torch.tensor(indices, [n]);
            case ClassMode.None:
                return torch.empty([n, 0], ScalarType.Float32);
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown class mode.");
        }
    }
}
