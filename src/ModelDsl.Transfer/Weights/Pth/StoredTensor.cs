namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// A tensor as <c>torch._utils._rebuild_tensor_v2</c> describes it: a view of a storage with an offset
/// and strides, all counted in elements. Its bytes are read later, one storage at a time.
/// </summary>
internal sealed record StoredTensor(StorageRef Storage, long Offset, long[] Shape, long[] Stride)
{
    /// <summary>Whether the view is row-major contiguous, so its bytes are one slice of the storage.</summary>
    public bool IsContiguous
    {
        get
        {
            long expected = 1;
            for (var d = Shape.Length - 1; d >= 0; d--)
            {
                // Strides of size-1 dimensions are arbitrary in PyTorch.
                if (Shape[d] != 1 && Stride[d] != expected) return false;
                expected *= Shape[d];
            }
            return true;
        }
    }

    public long ElementCount => Shape.Aggregate(1L, (a, b) => checked(a * b));

    /// <summary>One past the largest storage element the view touches (its offset if it is empty).</summary>
    public long StorageExtent()
    {
        if (ElementCount == 0) return Offset;
        var last = Offset;
        for (var d = 0; d < Shape.Length; d++) last = checked(last + (Shape[d] - 1) * Stride[d]);
        return checked(last + 1);
    }
}
