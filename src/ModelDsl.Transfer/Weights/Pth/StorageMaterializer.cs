namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// Turns storage views into contiguous <see cref="TensorData"/>. Each storage record is read once, all the
/// tensors that view it are cut from it, and it is released before the next one is read: views that are
/// contiguous slices share the storage's bytes instead of copying them.
/// </summary>
internal static class StorageMaterializer
{
    /// <summary>Yields each included tensor with its index, reading the storages lazily, grouped by storage.</summary>
    public static IEnumerable<(int Index, TensorData Tensor)> Materialize(
        PthArchive zip, IReadOnlyList<(string Name, StoredTensor Tensor)> tensors, Func<int, bool> include)
    {
        var groups = Enumerable.Range(0, tensors.Count).Where(include).GroupBy(i => tensors[i].Tensor.Storage.Key).ToList();
        foreach (var group in groups)
        {
            var storage = tensors[group.First()].Tensor.Storage;
            var bytes = zip.ReadRecord($"data/{storage.Key}", $"storage of tensor '{tensors[group.First()].Name}'");
            var elementSize = storage.Type.ByteSize();
            if (bytes.Length % elementSize != 0)
            {
                throw new WeightsFormatException(zip.FilePath, $"storage '{storage.Key}' has {bytes.Length} bytes, not a whole number of {storage.Type} elements (truncated storage)");
            }
            if (zip.BigEndian) ByteOrder.Reverse(bytes, elementSize);
            foreach (var index in group)
            {
                yield return (index, Cut(zip.FilePath, tensors[index].Name, tensors[index].Tensor, bytes));
            }
        }
    }

    private static TensorData Cut(string path, string name, StoredTensor view, byte[] storage)
    {
        var elementSize = view.Storage.Type.ByteSize();
        var available = storage.Length / elementSize;
        if (view.StorageExtent() > available)
        {
            throw new WeightsFormatException(path,
                $"truncated storage: tensor '{name}' of shape {TensorData.FormatShape(view.Shape)} needs elements up to {view.StorageExtent()} of storage '{view.Storage.Key}', which holds only {available}");
        }
        // A view may repeat elements (stride 0) into more bytes than its storage, and than one array, holds.
        if (view.ElementCount > Array.MaxLength / elementSize)
        {
            throw new WeightsFormatException(path,
                $"tensor '{name}' of shape {TensorData.FormatShape(view.Shape)} has {view.ElementCount} elements of {elementSize} bytes, more than the 2 GB a single tensor may have here");
        }
        var bytes = view.IsContiguous
            ? storage.AsMemory((int)(view.Offset * elementSize), (int)(view.ElementCount * elementSize))
            : StridedCopy.Gather(storage, view, elementSize);
        return new TensorData(name, view.Storage.Type, view.Shape, bytes);
    }
}
