using System.Buffers;
using ModelDsl.Torch;

namespace ModelDsl.Training.Data;

/// <summary>Builds target tensors from byte labels in the encoding a loss expects.</summary>
internal static class TargetTensors
{
    public static Tensor ForLabels(byte[] labels, ReadOnlySpan<int> indices, TargetEncoding encoding, int classes)
    {
        var n = indices.Length;
        if (encoding == TargetEncoding.OneHot)
        {
            var oneHot = ArrayPool<float>.Shared.Rent(n * classes);
            try
            {
                var span = oneHot.AsSpan(0, n * classes);
                span.Clear();
                for (var i = 0; i < n; i++) span[i * classes + labels[indices[i]]] = 1f;
                return Tensor.FromArray(span, n, classes);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(oneHot);
            }
        }
        var index = ArrayPool<long>.Shared.Rent(n);
        try
        {
            for (var i = 0; i < n; i++) index[i] = labels[indices[i]];
            return Tensor.FromArray(index.AsSpan(0, n), n);
        }
        finally
        {
            ArrayPool<long>.Shared.Return(index);
        }
    }
}
