namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>Copies a strided view (a transpose, a slice with steps) into contiguous row-major bytes.</summary>
internal static class StridedCopy
{
    public static byte[] Gather(byte[] storage, StoredTensor view, int elementSize)
    {
        var shape = view.Shape;
        var stride = view.Stride;
        var count = view.ElementCount;
        var result = new byte[count * elementSize];
        if (count == 0) return result;

        var rank = shape.Length;
        var inner = shape[rank - 1];
        var innerStride = stride[rank - 1];
        var index = new long[rank];
        var source = view.Offset;
        for (long written = 0; written < count; written += inner)
        {
            // Copy one innermost row, then advance the outer indices like an odometer.
            for (long j = 0; j < inner; j++)
            {
                Buffer.BlockCopy(storage, (int)((source + j * innerStride) * elementSize), result, (int)((written + j) * elementSize), elementSize);
            }
            for (var d = rank - 2; d >= 0; d--)
            {
                index[d]++;
                source += stride[d];
                if (index[d] < shape[d]) break;
                source -= stride[d] * shape[d];
                index[d] = 0;
            }
        }
        return result;
    }
}
