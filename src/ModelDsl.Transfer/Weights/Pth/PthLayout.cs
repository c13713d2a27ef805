namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// Checks what the pickle declares against what the archive holds, before anything of the declared size is
/// allocated. On opening, from the zip directory alone: the tensors together declare no more bytes than the
/// storages they view hold plus the view allowance (a few stored bytes must not declare gigabytes through
/// stride-0 views or huge shapes), and none is larger than one array. Before a storage is read: its record
/// holds whole elements, as many as its persistent id states, and every view stays inside it. The second part
/// waits for the read so that a file with one damaged storage still lists its tensors and loads the others.
/// </summary>
internal static class PthLayout
{
    /// <summary>The checks made when the file is opened.</summary>
    public static void CheckTotals(PthArchive zip, IReadOnlyList<(string Name, StoredTensor Tensor)> tensors)
    {
        var path = zip.FilePath;
        var limits = zip.Limits;
        var names = new HashSet<string>(StringComparer.Ordinal);
        var storages = new HashSet<string>(StringComparer.Ordinal);
        long tensorBytes = 0, storageBytes = 0;
        foreach (var (name, view) in tensors)
        {
            // Keys 1 and '1' are different Python keys but the same tensor name.
            if (!names.Add(name)) throw new WeightsFormatException(path, $"the state dict has two tensors named '{name}'");
            var elementSize = view.Storage.Type.ByteSize();
            if (storages.Add(view.Storage.Key))
            {
                // A missing record backs nothing; reading its tensors will say it is missing.
                storageBytes += zip.RecordLength($"data/{view.Storage.Key}") ?? 0;
            }
            var count = view.ElementCount;
            // A view may repeat elements (stride 0) into more bytes than its storage, and than one array, holds.
            if (count > Array.MaxLength / elementSize)
            {
                throw new WeightsFormatException(path,
                    $"tensor '{name}' of shape {TensorData.FormatShape(view.Shape)} has {count} elements of {elementSize} bytes, more than the 2 GB a single tensor may have here");
            }
            // Each term is below 2 GB and the number of tensors is bounded by the pickle limits: no overflow.
            tensorBytes += count * elementSize;
            if (tensorBytes > limits.MaxTotalTensorBytes)
            {
                throw new WeightsFormatException(path,
                    $"the tensors up to '{name}' declare {tensorBytes} bytes, more than the {limits.MaxTotalTensorBytes} a file may{ReadLimits.Hint(nameof(ReadLimits.MaxTotalTensorBytes))}");
            }
        }
        if (tensorBytes - storageBytes > limits.MaxViewExpansionBytes)
        {
            throw new WeightsFormatException(path,
                $"the tensors declare {tensorBytes} bytes but the storages they view hold only {storageBytes}: views would repeat stored bytes into "
                + $"{tensorBytes - storageBytes} more, above the {limits.MaxViewExpansionBytes} allowed{ReadLimits.Hint(nameof(ReadLimits.MaxViewExpansionBytes))}");
        }
    }

    /// <summary>The checks made before a storage is read for the views in <paramref name="views"/>.</summary>
    public static void CheckStorage(PthArchive zip, StorageRef storage, IEnumerable<(string Name, StoredTensor Tensor)> views)
    {
        var record = $"data/{storage.Key}";
        var viewList = views.ToList();
        var bytes = zip.RecordLength(record)
                    ?? throw new WeightsFormatException(zip.FilePath, $"record '{zip.RecordName(record)}' (storage of tensor '{viewList[0].Name}') is missing from the archive");
        var elementSize = storage.Type.ByteSize();
        if (bytes % elementSize != 0)
        {
            throw new WeightsFormatException(zip.FilePath,
                $"storage '{storage.Key}' has {bytes} bytes, not a whole number of {storage.Type} elements (truncated storage)");
        }
        var available = bytes / elementSize;
        foreach (var (name, view) in viewList)
        {
            var extent = view.StorageExtent();
            if (extent > available)
            {
                throw new WeightsFormatException(zip.FilePath,
                    $"truncated storage: tensor '{name}' of shape {TensorData.FormatShape(view.Shape)} needs elements up to {extent} of storage '{storage.Key}', which holds only {available}");
            }
        }
        // After the views, whose message says more when a record was cut short.
        if (storage.DeclaredElements is { } declared && declared != available)
        {
            throw new WeightsFormatException(zip.FilePath,
                $"storage '{storage.Key}' is declared with {declared} {storage.Type} elements but its record holds {available} (a corrupt or crafted file)");
        }
    }
}
