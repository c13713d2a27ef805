using static TorchSharp.torch;

namespace ModelDsl.Training.Data;

/// <summary>Builds target tensors from byte labels in the encoding a loss expects.</summary>
internal static class TargetTensors
{
    public static Tensor ForLabels(byte[] labels, ReadOnlySpan<int> indices, TargetEncoding encoding, int classes)
    {
        var n = indices.Length;
        var picked = new byte[n];
        for (var i = 0; i < n; i++) picked[i] = labels[indices[i]];
        if (encoding == TargetEncoding.OneHot)
        {
            return HostTensors.Create<float>([n, classes], ScalarType.Float32, span =>
            {
                span.Clear();
                for (var i = 0; i < n; i++) span[i * classes + picked[i]] = 1f;
            });
        }
        return HostTensors.Create<long>([n], ScalarType.Int64, span =>
        {
            for (var i = 0; i < n; i++) span[i] = picked[i];
        });
    }
}
