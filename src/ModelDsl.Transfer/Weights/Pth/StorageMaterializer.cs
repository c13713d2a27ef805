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
            PthLayout.CheckStorage(zip, storage, group.Select(i => tensors[i]));
            var bytes = zip.ReadRecord($"data/{storage.Key}", $"storage of tensor '{tensors[group.First()].Name}'");
            var elementSize = storage.Type.ByteSize();
            if (zip.BigEndian) ByteOrder.Reverse(bytes, elementSize);
            foreach (var index in group)
            {
                yield return (index, Cut(tensors[index].Name, tensors[index].Tensor, bytes));
            }
        }
    }

    // PthLayout has checked that the view lies inside the storage and fits one array.
    private static TensorData Cut(string name, StoredTensor view, byte[] storage)
    {
        var elementSize = view.Storage.Type.ByteSize();
        var bytes = view.IsContiguous
            ? storage.AsMemory((int)(view.Offset * elementSize), (int)(view.ElementCount * elementSize))
            : StridedCopy.Gather(storage, view, elementSize);
        return new TensorData(name, view.Storage.Type, view.Shape, bytes);
    }
}
