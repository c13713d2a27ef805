using System.Text.Json;

namespace ModelDsl.Torch.Tests;

/// <summary>State-dict files against PyTorch's torch.load / torch.save (values compared exactly: no arithmetic happens).</summary>
public sealed class SerializationTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("mdsl-ser-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void FileWeSaveLoadsInTorchLoadWithEqualValues()
    {
        using var scope = DisposeScope.Begin();
        TorchRuntime.ManualSeed(3);
        var weights = Tensor.Randn(3, 2);
        var state = new Dictionary<string, Tensor>
        {
            ["conv1.weight"] = weights.RequiresGrad_(),
            ["bn.running_mean"] = Tensor.FromArray([0.25, -1.5], 2),
            ["bn.num_batches_tracked"] = Tensor.Full([], 7, DType.Int64),
            ["mask"] = Tensor.FromArray([true, false], 2),
        };
        var path = Path.Combine(dir, "model.pt");
        TensorSerializer.Save(state, path);

        var json = PyTorchProcess.Run("""
            import json, sys, torch
            d = torch.load(sys.argv[1])
            print(json.dumps({k: {"dtype": str(v.dtype), "shape": list(v.shape), "data": v.flatten().tolist()} for k, v in d.items()}))
            """, path);
        var loaded = JsonDocument.Parse(json).RootElement;
        Assert.Equal(state.Keys.Order(), loaded.EnumerateObject().Select(p => p.Name).Order());
        var conv = loaded.GetProperty("conv1.weight");
        Assert.Equal("torch.float32", conv.GetProperty("dtype").GetString());
        Assert.Equal([3L, 2L], conv.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal(weights.ToArray<float>(), conv.GetProperty("data").EnumerateArray().Select(x => (float)x.GetDouble()));
        Assert.Equal([0.25, -1.5], loaded.GetProperty("bn.running_mean").GetProperty("data").EnumerateArray().Select(x => x.GetDouble()));
        Assert.Equal("torch.int64", loaded.GetProperty("bn.num_batches_tracked").GetProperty("dtype").GetString());
        Assert.Equal(7, loaded.GetProperty("bn.num_batches_tracked").GetProperty("data")[0].GetInt64());
        Assert.Equal("torch.bool", loaded.GetProperty("mask").GetProperty("dtype").GetString());
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void PlainDictSavedByPyTorchLoads()
    {
        var path = Path.Combine(dir, "from_python.pt");
        var json = PyTorchProcess.Run("""
            import json, sys, torch
            torch.manual_seed(5)
            d = {"fc.weight": torch.randn(4, 3), "fc.bias": torch.arange(4, dtype=torch.float64), "steps": torch.tensor(12)}
            torch.save(d, sys.argv[1])
            print(json.dumps({k: v.flatten().tolist() for k, v in d.items()}))
            """, path);
        var expected = JsonDocument.Parse(json).RootElement;

        using var scope = DisposeScope.Begin();
        var state = TensorSerializer.Load(path);
        Assert.Equal(["fc.bias", "fc.weight", "steps"], state.Keys.Order());
        Assert.Equal(new long[] { 4, 3 }, state["fc.weight"].Shape);
        Assert.Equal(expected.GetProperty("fc.weight").EnumerateArray().Select(x => (float)x.GetDouble()), state["fc.weight"].ToArray<float>());
        Assert.Equal([0.0, 1, 2, 3], state["fc.bias"].ToArray<double>());
        Assert.Equal(12L, state["steps"].Item<long>());
    }

    [Fact]
    public void RoundTripKeepsNamesDtypesAndValues()
    {
        using var scope = DisposeScope.Begin();
        var path = Path.Combine(dir, "rt.pt");
        TensorSerializer.Save(new Dictionary<string, Tensor> { ["a"] = Tensor.Arange(6).Reshape(2, 3), ["é.b"] = Tensor.Ones(2) }, path);
        TensorSerializer.Save(new Dictionary<string, Tensor> { ["a"] = Tensor.Arange(6).Reshape(3, 2) }, path); // overwrites atomically
        var back = TensorSerializer.Load(path);
        Assert.Equal(["a"], back.Keys);
        Assert.Equal(new long[] { 3, 2 }, back["a"].Shape);
        Assert.Equal(DType.Int64, back["a"].DType);
    }

    [Fact]
    public void ANonDictOrCorruptFileIsAManagedErrorNamingTheFile()
    {
        var listPath = Path.Combine(dir, "list.pt");
        PyTorchProcess.Run("import sys, torch; torch.save([torch.zeros(1)], sys.argv[1])", listPath);
        var e = Assert.Throws<InvalidDataException>(() => TensorSerializer.Load(listPath));
        Assert.Contains("list.pt", e.Message);

        var junk = Path.Combine(dir, "junk.pt");
        File.WriteAllBytes(junk, [1, 2, 3, 4, 5]);
        Assert.Contains("junk.pt", Assert.Throws<InvalidDataException>(() => TensorSerializer.Load(junk)).Message);
        var legacy = Path.Combine(dir, "legacy.pt");
        PyTorchProcess.Run("import sys, torch; torch.save({'a': torch.zeros(1)}, sys.argv[1], _use_new_zipfile_serialization=False)", legacy);
        Assert.Contains("legacy", Assert.Throws<InvalidDataException>(() => TensorSerializer.Load(legacy)).Message);

        Assert.Throws<FileNotFoundException>(() => TensorSerializer.Load(Path.Combine(dir, "missing.pt")));
    }
}
