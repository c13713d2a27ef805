using ModelDsl.Transfer.Weights.Pickle;

namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// Opens a <c>torch.save</c> file (PyTorch ≥ 1.6 zip layout: <c>&lt;archive&gt;/data.pkl</c>,
/// <c>&lt;archive&gt;/data/&lt;key&gt;</c>, optional <c>byteorder</c>): the pickle is read at once, the storages
/// later, one at a time, as the caller enumerates them.
/// </summary>
internal static class PthReader
{
    /// <summary>Opens from a seekable stream; <paramref name="path"/> names the source in messages.</summary>
    public static WeightsReader Open(Stream stream, string path, string? keyPath, bool leaveOpen, ReadLimits limits)
    {
        var zip = PthArchive.Open(stream, path, leaveOpen, limits);
        try
        {
            var dict = ReadStateDictPickle(zip, path, keyPath);
            var named = dict.Items.Select(i => (Name: Convert.ToString(i.Key, System.Globalization.CultureInfo.InvariantCulture)!, Tensor: (StoredTensor)i.Value!)).ToList();
            // Everything the tensors declare is checked against the archive before any storage is read.
            PthLayout.CheckTotals(zip, named);
            var infos = named.Select(n => new TensorInfo(n.Name, n.Tensor.Storage.Type, n.Tensor.Shape)).ToList();
            return new WeightsReader(path, infos, Metadata(zip, dict),
                include => StorageMaterializer.Materialize(zip, named, include), zip);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    private static Dictionary<string, string> Metadata(PthArchive zip, PickleDict dict)
    {
        try
        {
            // Honest metadata repeats short memoized names ("version") per module: a few characters per pickle byte.
            return CheckpointNavigator.Metadata(dict, 64 * (zip.RecordLength("data.pkl") ?? 0) + 4096);
        }
        catch (PickleException e)
        {
            throw new WeightsFormatException(zip.FilePath, e.Message);
        }
    }

    private static PickleDict ReadStateDictPickle(PthArchive zip, string path, string? keyPath)
    {
        var storages = new Dictionary<string, StorageRef>(StringComparer.Ordinal);
        object? root;
        try
        {
            root = new Unpickler(zip.ReadRecord("data.pkl"), TorchGlobals.Resolve, id => LoadPersistent(id, storages), zip.Limits).Load();
        }
        catch (PickleException e)
        {
            throw new WeightsFormatException(path, $"{zip.RecordName("data.pkl")}: {e.Message}");
        }
        try
        {
            return CheckpointNavigator.FindStateDict(root, keyPath);
        }
        catch (PickleException e)
        {
            throw new WeightsFormatException(path, e.Message);
        }
    }

    // A persistent id is ('storage', storage_class, key, location, numel); one StorageRef per key, so views share it.
    private static StorageRef LoadPersistent(object? id, Dictionary<string, StorageRef> storages)
    {
        if (id is not object?[] { Length: >= 3 } fields || fields[0] is not "storage")
        {
            throw new PickleException($"unsupported persistent id {PickleValues.Describe(id)}: only tensor storages are read");
        }
        var key = fields[2]?.ToString() ?? throw new PickleException("storage id without a key");
        var type = TorchGlobals.StorageType(fields[1]);
        if (storages.TryGetValue(key, out var known))
        {
            if (known.Type != type) throw new PickleException($"storage '{key}' is used both as {known.Type} and {type}");
            // A later view's id repeats the size; the first one is what the record is checked against.
            return known;
        }
        // The fifth field is the storage's size in elements; torch.save always writes it.
        var storage = new StorageRef(key, type, fields is { Length: >= 5 } && fields[4] is long numel ? numel : null);
        storages[key] = storage;
        return storage;
    }
}
