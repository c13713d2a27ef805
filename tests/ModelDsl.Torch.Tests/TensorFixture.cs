using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ModelDsl.Torch.Tests;

/// <summary>Reads the tensors written by Fixtures/Tensor/make_fixtures.py (dtype, shape, flat data).</summary>
internal sealed class TensorFixture
{
    private readonly JsonElement root;

    private TensorFixture(JsonElement root) => this.root = root;

    /// <summary>Loads a fixture file from Fixtures/Tensor beside this source file (no copy step needed).</summary>
    public static TensorFixture Load(string file, [CallerFilePath] string callerPath = "")
    {
        var path = Locate(file, callerPath);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return new TensorFixture(doc.RootElement.Clone());
    }

    // The compile-time source path, or (should a build map source paths) the repository above the test binaries.
    private static string Locate(string file, string callerPath)
    {
        var relative = Path.Combine("Fixtures", "Tensor", file);
        var beside = Path.Combine(Path.GetDirectoryName(callerPath) ?? "", relative);
        if (File.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ModelDsl.Torch.Tests", relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Fixture {relative} not found beside {callerPath} nor above {AppContext.BaseDirectory}.");
    }

    public IEnumerable<string> Names(string section) => root.GetProperty(section).EnumerateObject().Select(p => p.Name);

    public Tensor Get(string section, string name) => ToTensor(root.GetProperty(section).GetProperty(name));

    private static Tensor ToTensor(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();
        var data = e.GetProperty("data");
        return e.GetProperty("dtype").GetString() switch
        {
            "float32" => Tensor.FromArray(data.EnumerateArray().Select(x => (float)x.GetDouble()).ToArray(), shape),
            "float64" => Tensor.FromArray(data.EnumerateArray().Select(x => x.GetDouble()).ToArray(), shape),
            "int64" => Tensor.FromArray(data.EnumerateArray().Select(x => x.GetInt64()).ToArray(), shape),
            "bool" => Tensor.FromArray(data.EnumerateArray().Select(x => x.GetInt32() != 0).ToArray(), shape),
            var other => throw new InvalidDataException($"Fixture dtype {other} is not handled."),
        };
    }
}
