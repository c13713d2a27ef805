using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ModelDsl.Torch.Tests;

/// <summary>Reads a fixture written by make_fixtures.py (PyTorch 1.13 reference values) and compares tensors to it.</summary>
internal sealed class NnFixture
{
    private readonly Dictionary<string, (long[] Shape, double[] Data)> items = [];
    private readonly string name;

    private NnFixture(string name, string path)
    {
        this.name = name;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        foreach (var item in doc.RootElement.EnumerateObject())
        {
            var shape = item.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var data = item.Value.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            items[item.Name] = (shape, data);
        }
    }

    public static NnFixture Load(string name, [CallerFilePath] string source = "")
    {
        // The fixtures sit beside this file; tests run from a fresh clone, so the source tree is there.
        var dir = Path.Combine(Path.GetDirectoryName(Here())!);
        return new NnFixture(name, Path.Combine(dir, name + ".json"));
    }

    private static string Here([CallerFilePath] string path = "") => path;

    public long[] Shape(string key) => Get(key).Shape;

    public float[] Floats(string key) => [.. Get(key).Data.Select(v => (float)v)];

    /// <summary>A float32 tensor (or int64 when the key was stored as such) with the fixture's values.</summary>
    public Tensor Tensor(string key, bool requiresGrad = false)
    {
        if (items.TryGetValue(key + ".i64", out var ints))
        {
            return ModelDsl.Torch.Tensor.FromArray(ints.Data.Select(v => (long)v).ToArray(), ints.Shape);
        }
        var (shape, data) = Get(key);
        var t = ModelDsl.Torch.Tensor.FromArray(data.Select(v => (float)v).ToArray(), shape);
        if (requiresGrad) t.RequiresGrad = true;
        return t;
    }

    /// <summary>Asserts <paramref name="actual"/> has the fixture's shape and |a − e| ≤ atol + rtol·|e| everywhere.</summary>
    public void AssertClose(string key, Tensor? actual, double atol = 1e-5, double rtol = 1e-4)
    {
        Assert.NotNull(actual);
        var (shape, expected) = items.TryGetValue(key + ".i64", out var ints) ? ints : Get(key);
        Assert.True(shape.AsSpan().SequenceEqual(actual.Shape),
            $"{name}/{key}: shape [{string.Join(", ", actual.Shape)}], expected [{string.Join(", ", shape)}]");
        var got = actual.DType == DType.Int64
            ? actual.ToArray<long>().Select(v => (double)v).ToArray()
            : actual.To(DType.Float64).ToArray<double>();
        for (var i = 0; i < expected.Length; i++)
        {
            // The fixture holds float32 values printed to 9 digits: round back to the float32 they were.
            var e = actual.DType == DType.Int64 ? expected[i] : (float)expected[i];
            var tolerance = atol + rtol * Math.Abs(e);
            if (!(Math.Abs(got[i] - e) <= tolerance))
            {
                Assert.Fail($"{name}/{key}[{i}]: got {got[i]}, expected {e} (tolerance {tolerance:g3})");
            }
        }
    }

    private (long[] Shape, double[] Data) Get(string key) =>
        items.TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"Fixture {name} has no \"{key}\".");
}
