using System.Globalization;
using System.IO.Compression;
using System.Text;
using ModelDsl.Transfer.Weights.Pickle;

namespace ModelDsl.Transfer.Weights.Pth;

/// <summary>
/// Writes tensors the way <c>torch.save(model.state_dict(), path)</c> does: a zip with
/// <c>archive/data.pkl</c> (an <c>OrderedDict</c> of <c>_rebuild_tensor_v2</c> calls over typed storages),
/// one uncompressed <c>archive/data/&lt;n&gt;</c> record per tensor, <c>byteorder</c> and <c>version</c>.
/// </summary>
internal static class PthWriter
{
    private const string Archive = "archive";

    public static void Write(Stream output, IReadOnlyList<TensorData> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        // data.pkl first: PyTorch's reader takes the archive folder name from the first record.
        AddRecord(zip, "data.pkl", Pickle(tensors, metadata));
        AddRecord(zip, "byteorder", Encoding.ASCII.GetBytes("little"));
        for (var i = 0; i < tensors.Count; i++)
        {
            AddRecord(zip, $"data/{i}", tensors[i].Data.Span);
        }
        AddRecord(zip, "version", Encoding.ASCII.GetBytes("3\n"));
    }

    private static byte[] Pickle(IReadOnlyList<TensorData> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var pickle = new PickleWriter();
        NewOrderedDict(pickle);
        if (tensors.Count > 0)
        {
            pickle.Mark();
            for (var i = 0; i < tensors.Count; i++)
            {
                pickle.String(tensors[i].Name);
                RebuildTensor(pickle, tensors[i], i.ToString(CultureInfo.InvariantCulture));
            }
            pickle.SetItems();
        }
        WriteModuleVersions(pickle, metadata);
        return pickle.Finish();
    }

    // _rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict()) with the storage as a persistent id
    // ('storage', torch.FloatStorage, key, 'cpu', numel).
    private static void RebuildTensor(PickleWriter pickle, TensorData tensor, string key)
    {
        pickle.Global("torch._utils", "_rebuild_tensor_v2");
        pickle.Mark();
        pickle.Mark();
        pickle.String("storage");
        pickle.Global("torch", tensor.Type.TorchStorageName());
        pickle.String(key);
        pickle.String("cpu");
        pickle.Int(tensor.ElementCount);
        pickle.Tuple();
        pickle.PersistentId();
        pickle.Int(0);
        IntTuple(pickle, tensor.Shape);
        IntTuple(pickle, RowMajorStrides(tensor.Shape));
        pickle.Bool(false);
        NewOrderedDict(pickle);
        pickle.Tuple();
        pickle.Reduce();
    }

    /// <summary>
    /// Writes back <c>_metadata</c> when the metadata has the "version=N" form read from a .pth file, so a
    /// round trip keeps the module versions that <c>load_state_dict</c> consults (e.g. BatchNorm's).
    /// </summary>
    private static void WriteModuleVersions(PickleWriter pickle, IReadOnlyDictionary<string, string> metadata)
    {
        var modules = ModuleVersions.Parse(metadata);
        if (modules is null) return;
        pickle.EmptyDict();
        pickle.Mark();
        pickle.String("_metadata");
        NewOrderedDict(pickle);
        pickle.Mark();
        foreach (var (prefix, fields) in modules)
        {
            pickle.String(prefix);
            pickle.EmptyDict();
            pickle.Mark();
            foreach (var (field, value) in fields)
            {
                pickle.String(field);
                pickle.Int(value);
            }
            pickle.SetItems();
        }
        pickle.SetItems();
        pickle.SetItems();
        pickle.Build();
    }

    private static void NewOrderedDict(PickleWriter pickle)
    {
        pickle.Global("collections", "OrderedDict");
        pickle.EmptyTuple();
        pickle.Reduce();
    }

    private static void IntTuple(PickleWriter pickle, IReadOnlyList<long> values)
    {
        pickle.Mark();
        foreach (var v in values) pickle.Int(v);
        pickle.Tuple();
    }

    private static long[] RowMajorStrides(IReadOnlyList<long> shape)
    {
        var strides = new long[shape.Count];
        long step = 1;
        for (var d = shape.Count - 1; d >= 0; d--)
        {
            strides[d] = step;
            step *= Math.Max(shape[d], 1);
        }
        return strides;
    }

    private static void AddRecord(ZipArchive zip, string name, ReadOnlySpan<byte> bytes)
    {
        // Stored, not deflated, as PyTorch writes it, so readers can map storages straight from the file.
        var entry = zip.CreateEntry($"{Archive}/{name}", CompressionLevel.NoCompression);
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
