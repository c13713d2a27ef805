using System.IO.Compression;
using ModelDsl.Transfer.Weights.Pickle;

namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// Reads a <c>torch.save</c> file (PyTorch ≥ 1.6 zip layout: <c>&lt;archive&gt;/data.pkl</c>,
/// <c>&lt;archive&gt;/data/&lt;key&gt;</c>, optional <c>byteorder</c>). Storages are streamed from the zip one at a
/// time, so the peak memory is about the size of the tensors returned.
/// </summary>
internal static class PthReader
{
    /// <summary>Reads from a seekable stream; <paramref name="path"/> names the source in messages.</summary>
    public static StateDict Read(Stream stream, string path, string? keyPath)
    {
        using var zip = PthArchive.Open(stream, path, leaveOpen: true);
        var storages = new Dictionary<string, StorageRef>(StringComparer.Ordinal);
        object? root;
        try
        {
            root = new Unpickler(zip.ReadRecord("data.pkl"), TorchGlobals.Resolve, id => LoadPersistent(id, storages)).Load();
        }
        catch (PickleException e)
        {
            throw new WeightsFormatException(path, $"{zip.RecordName("data.pkl")}: {e.Message}");
        }

        PickleDict dict;
        try
        {
            dict = CheckpointNavigator.FindStateDict(root, keyPath);
        }
        catch (PickleException e)
        {
            throw new WeightsFormatException(path, e.Message);
        }
        var named = dict.Items.Select(i => (Name: i.Key.ToString()!, Tensor: (StoredTensor)i.Value!)).ToList();
        return new StateDict(StorageMaterializer.Materialize(zip, named), CheckpointNavigator.Metadata(dict));
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
            return known;
        }
        var storage = new StorageRef(key, type);
        storages[key] = storage;
        return storage;
    }
}
