using System.Text.Json;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests.Support;

/// <summary>The committed fixtures and the values Python recorded for them (NAME.expected.json).</summary>
internal static class WeightsFixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>Tensor name → (dtype, shape, values) in the file's key order, as PyTorch printed them.</summary>
    public static List<ExpectedTensor> Expected(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(PathOf(name)));
        return json.RootElement.EnumerateObject().Select(p => new ExpectedTensor(
            p.Name,
            p.Value.GetProperty("dtype").GetString()!,
            p.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
            p.Value.GetProperty("values").EnumerateArray().Select(v => v.ValueKind switch
            {
                JsonValueKind.True => 1.0,
                JsonValueKind.False => 0.0,
                _ => v.GetDouble(),
            }).ToArray())).ToList();
    }

    /// <summary>Asserts a read state dict holds exactly the expected tensors, in order, with equal values.</summary>
    public static void AssertMatches(string expectedFile, StateDict actual)
    {
        var expected = Expected(expectedFile);
        Assert.Equal(expected.Select(e => e.Name), actual.Names);
        foreach (var e in expected)
        {
            var tensor = actual[e.Name];
            Assert.Equal(e.Shape, tensor.Shape);
            Assert.Equal(e.DType, TorchName(tensor.Type));
            if (tensor.Type is ScalarType.Int64 or ScalarType.Int32 or ScalarType.Byte or ScalarType.Bool)
            {
                Assert.Equal(e.Values.Select(v => (long)v), tensor.ToInt64Array());
            }
            else
            {
                // Python printed the stored values as doubles; float32 (or narrower) values convert back exactly.
                var expectedValues = tensor.Type == ScalarType.Float64 ? e.Values : e.Values.Select(v => (double)(float)v).ToArray();
                var actualValues = tensor.Type == ScalarType.Float64
                    ? Float64Values(tensor)
                    : tensor.ToFloat32Array().Select(v => (double)v).ToArray();
                Assert.Equal(expectedValues, actualValues);
            }
        }
    }

    private static double[] Float64Values(TensorData tensor) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(tensor.Data.Span).ToArray();

    private static string TorchName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Float16 => "float16",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float64 => "float64",
        ScalarType.Int64 => "int64",
        ScalarType.Int32 => "int32",
        ScalarType.Int16 => "int16",
        ScalarType.Int8 => "int8",
        ScalarType.Byte => "uint8",
        ScalarType.Bool => "bool",
        _ => type.ToString(),
    };
}

internal sealed record ExpectedTensor(string Name, string DType, long[] Shape, double[] Values);
