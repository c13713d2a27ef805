using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;
using static TorchSharp.torch;

namespace ModelDsl.Transfer.Tests;

public class WeightsLoaderTests
{
    [Fact]
    public void Loaded_weights_give_PyTorchs_outputs()
    {
        using var net = new SmallNet();
        var io = WeightsFile.Read(WeightsFixtures.PathOf("small_net.io.pth"));

        var report = WeightsLoader.Load(net, WeightsFixtures.PathOf("small_net.pth"));
        net.eval();
        using var input = io["input"].ToTensor();
        using var output = net.forward(input);

        Assert.True(report.IsComplete, report.ToString());
        Assert.Equal(9, report.Loaded);
        var expected = io["output"].ToFloat32Array();
        var actual = output.Floats();
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5f);
    }

    [Fact]
    public void Every_tensor_lands_in_the_parameter_of_its_name()
    {
        using var net = new SmallNet();
        var file = WeightsFile.Read(WeightsFixtures.PathOf("small_net.pth"));

        WeightsLoader.Load(net, WeightsFixtures.PathOf("small_net.pth"));

        foreach (var (name, tensor) in net.state_dict())
        {
            Assert.Equal(file[name].ToFloat32Array(), tensor.Floats());
        }
        Assert.Equal(7L, net.state_dict()["features.1.num_batches_tracked"].item<long>());
    }

    [Fact]
    public void Strict_loading_with_a_shape_mismatch_names_the_file_and_both_shapes_and_loads_nothing()
    {
        using var net = new SmallNet(classes: 5);
        var before = net.state_dict()["features.0.weight"].Floats();
        var path = WeightsFixtures.PathOf("small_net.pth");

        var error = Assert.Throws<WeightsMismatchException>(() => WeightsLoader.Load(net, path));

        Assert.Contains(path, error.Message);
        Assert.Contains("classifier.weight: the module has [5, 3] but the file has [2, 3]", error.Message);
        Assert.Contains("classifier.bias: the module has [5] but the file has [2]", error.Message);
        Assert.Equal(2, error.Report.Mismatched.Count);
        Assert.Equal(before, net.state_dict()["features.0.weight"].Floats());
    }

    [Fact]
    public void Non_strict_loading_loads_what_matches_and_reports_the_rest()
    {
        using var dir = new TempDirectory();
        var path = dir.File("partial.pth");
        var file = WeightsFile.Read(WeightsFixtures.PathOf("small_net.pth"));
        // Drop the classifier bias and rename the classifier weight, as a head from another model would.
        WeightsFile.Write(path, file
            .Where(t => t.Name != "classifier.bias")
            .Select(t => t.Name == "classifier.weight" ? t.WithName("head.weight") : t));
        using var net = new SmallNet(classes: 5);
        var headBefore = net.state_dict()["classifier.weight"].Floats();

        var report = WeightsLoader.Load(net, path, strict: false);

        Assert.Equal(7, report.Loaded);
        Assert.Equal(["classifier.weight", "classifier.bias"], report.MissingKeys);
        Assert.Equal(["head.weight"], report.UnexpectedKeys);
        Assert.Empty(report.Mismatched);
        Assert.Equal(file["features.0.weight"].ToFloat32Array(), net.state_dict()["features.0.weight"].Floats());
        Assert.Equal(headBefore, net.state_dict()["classifier.weight"].Floats());
        Assert.Equal(
            $"""
            Loaded 7 tensors from {path}:
              missing from the file (2):
                classifier.weight
                classifier.bias
              unexpected in the file (1):
                head.weight
            """.ReplaceLineEndings(),
            report.ToString());
    }

    [Fact]
    public void Keys_can_be_renamed_or_left_out_while_loading()
    {
        // A DataParallel checkpoint prefixes every key with "module."; its head does not fit a 5-class model.
        using var dir = new TempDirectory();
        var path = dir.File("data_parallel.pth");
        var file = WeightsFile.Read(WeightsFixtures.PathOf("small_net.pth"));
        WeightsFile.Write(path, file.Select(t => t.WithName("module." + t.Name)));
        using var net = new SmallNet(classes: 5);

        var report = WeightsLoader.Load(net, path, strict: false,
            renameKey: k => k.StartsWith("module.classifier.", StringComparison.Ordinal) ? null : k["module.".Length..]);

        Assert.Equal(7, report.Loaded);
        Assert.Equal(["classifier.weight", "classifier.bias"], report.MissingKeys);
        Assert.Empty(report.UnexpectedKeys);
        Assert.Equal(file["features.1.running_var"].ToFloat32Array(), net.state_dict()["features.1.running_var"].Floats());
    }

    [Fact]
    public void Two_keys_renamed_to_one_are_refused()
    {
        using var net = new SmallNet();

        var error = Assert.Throws<ArgumentException>(() =>
            WeightsLoader.Load(net, WeightsFixtures.PathOf("small_net.pth"), renameKey: k => k.EndsWith("bias", StringComparison.Ordinal) ? "bias" : k));

        Assert.Contains("sends both 'features.0.bias' and 'features.1.bias' to 'bias'", error.Message);
    }

    [Fact]
    public void Non_strict_loading_skips_mismatched_shapes()
    {
        using var net = new SmallNet(classes: 5);

        var report = WeightsLoader.Load(net, WeightsFixtures.PathOf("small_net.pth"), strict: false);

        Assert.Equal(7, report.Loaded);
        Assert.Equal(["classifier.weight", "classifier.bias"], report.Mismatched.Select(m => m.Key));
        Assert.Contains("shape mismatch (2):", report.ToString());
    }

    [Fact]
    public void Float16_weights_load_into_a_float32_model()
    {
        using var dir = new TempDirectory();
        var path = dir.File("half.safetensors");
        var file = WeightsFile.Read(WeightsFixtures.PathOf("small_net.pth"));
        WeightsFile.Write(path, file.Select(t => t.Type == ScalarType.Float32 ? ToHalf(t) : t));
        using var net = new SmallNet();

        var report = WeightsLoader.Load(net, path);

        Assert.True(report.IsComplete);
        var weights = net.state_dict()["features.0.weight"];
        Assert.Equal(ScalarType.Float32, weights.dtype);
        Assert.Equal(file["features.0.weight"].ToFloat32Array().Select(v => (float)(Half)v), weights.Floats());
    }

    [Fact]
    public void Every_stored_dtype_becomes_the_same_TorchSharp_dtype_with_the_same_values()
    {
        var file = WeightsFile.Read(WeightsFixtures.PathOf("dtypes.pth"));

        foreach (var data in file)
        {
            using var tensor = data.ToTensor();
            Assert.Equal(data.Type, tensor.dtype);
            Assert.Equal(data.Shape, tensor.shape);
            Assert.Equal(data.ToFloat32Array(), tensor.Floats());
            Assert.Equal(data.Data.ToArray(), tensor.ToTensorData(data.Name).Data.ToArray());
        }
        Assert.Contains(file, t => t.Type == ScalarType.BFloat16);
    }

    [Fact]
    public void A_non_contiguous_tensor_is_written_in_row_major_order()
    {
        using var matrix = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        using var transposed = matrix.t();

        var data = transposed.ToTensorData("t");

        Assert.Equal([3L, 2], data.Shape);
        Assert.Equal([0f, 3, 1, 4, 2, 5], data.ToFloat32Array());
    }

    [Fact]
    public void A_module_saved_by_us_loads_into_PyTorch_and_gives_the_same_outputs()
    {
        using var dir = new TempDirectory();
        using var net = new SmallNet();
        WeightsLoader.Load(net, WeightsFixtures.PathOf("small_net.pth"));
        var path = dir.File("saved.pth");

        WeightsLoader.Save(net, path);

        var output = PyTorch.Run(SmallNet.PythonDefinition + """
            import sys
            net = SmallNet()
            print(net.load_state_dict(torch.load(sys.argv[1]), strict=True))
            io = torch.load(sys.argv[2])
            net.eval()
            with torch.no_grad():
                print(torch.equal(net(io['input']), io['output']))
            """, path, WeightsFixtures.PathOf("small_net.io.pth"));
        Assert.Equal(["<All keys matched successfully>", "True"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static TensorData ToHalf(TensorData tensor)
    {
        var halves = tensor.ToFloat32Array().Select(v => (Half)v).ToArray();
        return new TensorData(tensor.Name, ScalarType.Float16, tensor.Shape,
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(halves.AsSpan()).ToArray());
    }
}
