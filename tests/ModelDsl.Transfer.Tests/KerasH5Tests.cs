using System.Text.Json;
using static TorchSharp.torch;
using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests;

/// <summary>
/// Keras .h5 weights into the seed convnet. The fixtures and the expected outputs come from
/// Fixtures/make_keras_fixtures.py: h5py in Keras 2's layout and a channels-last NumPy forward pass.
/// </summary>
public class KerasH5Tests
{
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllText(WeightsFixtures.PathOf("keras_convnet.expected.json"))).RootElement;

    [Theory]
    [InlineData("keras_convnet.h5")] // model.save_weights: fixed-length strings, float32
    [InlineData("keras_convnet_model.h5")] // model.save: under model_weights, variable-length strings, float64, an input layer
    public void Loaded_model_matches_a_channels_last_numpy_forward_pass(string fixture)
    {
        using var model = Zoo.MnistConvNet();
        var report = KerasWeights.Load(model, WeightsFixtures.PathOf(fixture));
        Assert.True(report.IsComplete, report.ToString());
        Assert.Equal(10, report.Loaded);

        var nhwc = Floats("inputs_nhwc");
        using var input = tensor(ToNchw(nhwc, 2, 28, 28, 1), new long[] { 2, 1, 28, 28 });
        model.eval();
        using var output = model.call(input);
        var actual = output.Floats();
        var expected = Floats("outputs");
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-4, $"output {i}: expected {expected[i]}, got {actual[i]}");
    }

    /// <summary>The model of keras_depthwise_bn.h5; the labels are the Keras layer names.</summary>
    private const string DepthwiseSpec = """
        model DepthwiseBn(input = 3x6x6) {
          dw: depthwiseconv2d(3, multiplier=2) > bn: batchnorm > flatten > out: dense(4)
        }
        """;

    [Fact]
    public void Depthwise_and_batchnorm_weights_stored_as_float16_convert_and_match_numpy()
    {
        using var model = TransferModule.FromText(DepthwiseSpec, "DepthwiseBn");
        var report = KerasWeights.Load(model, WeightsFixtures.PathOf("keras_depthwise_bn.h5"));
        Assert.True(report.IsComplete, report.ToString());

        var expected = JsonDocument.Parse(File.ReadAllText(WeightsFixtures.PathOf("keras_depthwise_bn.expected.json"))).RootElement;
        var nhwc = expected.GetProperty("inputs_nhwc").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        using var input = tensor(ToNchw(nhwc, 2, 6, 6, 3), new long[] { 2, 3, 6, 6 });
        model.eval();
        using var output = model.call(input);
        var actual = output.Floats();
        var want = expected.GetProperty("outputs").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(want.Length, actual.Length);
        for (var i = 0; i < want.Length; i++) Assert.True(Math.Abs(want[i] - actual[i]) < 1e-4, $"output {i}: expected {want[i]}, got {actual[i]}");
    }

    [Fact]
    public void Dense_after_flatten_has_its_rows_moved_from_hwc_to_chw_order()
    {
        using var model = Zoo.MnistConvNet();
        KerasWeights.Load(model, WeightsFixtures.PathOf("keras_convnet.h5"));
        var dense = model.Summary.Rows.Single(r => r.DisplayName == "dense");
        var weight = model.state_dict()[dense.ModulePath + ".weight"];
        Assert.Equal([64L, 576L], weight.shape);
        var values = weight.Floats();
        foreach (var probe in Expected.GetProperty("dense_kernel_probes").EnumerateArray())
        {
            var p = probe.EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var (h, w, c, o) = ((int)p[0], (int)p[1], (int)p[2], (int)p[3]);
            // ModelDsl flattens the 64x3x3 map channel-first: column c*9 + h*3 + w.
            Assert.Equal(p[4], values[o * 576 + c * 9 + h * 3 + w], 6);
        }
    }

    [Fact]
    public void Strict_load_of_a_file_missing_a_layer_reports_it_and_loads_nothing()
    {
        using var model = Zoo.MnistConvNet();
        var conv = model.Summary.Rows.Single(r => r.DisplayName == "conv2d_2").ModulePath;
        var before = model.state_dict()[conv + ".weight"].Floats();
        var error = Assert.Throws<WeightsMismatchException>(() => KerasWeights.Load(model, WeightsFixtures.PathOf("keras_missing_layer.h5")));
        Assert.Equal([conv + ".weight", conv + ".bias"], error.Report.MissingKeys);
        Assert.Contains(conv + ".weight", error.Message);
        Assert.Contains("keras_missing_layer.h5", error.Message);

        var report = KerasWeights.Load(model, WeightsFixtures.PathOf("keras_missing_layer.h5"), strict: false);
        Assert.Equal(8, report.Loaded);
        Assert.Equal(before, model.state_dict()[conv + ".weight"].Floats());
    }

    [Fact]
    public void A_wrong_shaped_kernel_names_the_tensor_and_both_shapes()
    {
        using var model = Zoo.MnistConvNet();
        var error = Assert.Throws<WeightsMismatchException>(() => KerasWeights.Load(model, WeightsFixtures.PathOf("keras_wrong_shape.h5")));
        var mismatch = Assert.Single(error.Report.Mismatched);
        Assert.Contains("dense/kernel:0", mismatch.Key);
        Assert.Equal([576L, 64L], mismatch.ModuleShape);
        Assert.Equal([512L, 64L], mismatch.FileShape);
        Assert.Contains("[576, 64]", error.Message);
        Assert.Contains("[512, 64]", error.Message);
        Assert.Empty(error.Report.MissingKeys);
    }

    [Fact]
    public void A_file_that_is_not_hdf5_gets_a_clear_exception()
    {
        using var dir = new TempDirectory();
        var path = dir.File("weights.h5");
        File.WriteAllText(path, "this is not HDF5");
        var error = Assert.Throws<WeightsFormatException>(() => KerasWeights.Load(Zoo.MnistConvNet(), path));
        Assert.Equal(path, error.FilePath);
        Assert.Contains("not an HDF5 file", error.Message);

        var missing = Assert.Throws<WeightsFormatException>(() => KerasWeights.Load(Zoo.MnistConvNet(), dir.File("absent.h5")));
        Assert.Contains("does not exist", missing.Message);
    }

    [Fact]
    public void An_hdf5_file_not_in_keras_layout_gets_a_clear_exception()
    {
        var path = WeightsFixtures.PathOf("not_keras.h5");
        var error = Assert.Throws<WeightsFormatException>(() => KerasWeights.Load(Zoo.MnistConvNet(), path));
        Assert.Equal(path, error.FilePath);
        Assert.Contains("not a Keras weights file", error.Message);
    }

    private static float[] Floats(string name) => Expected.GetProperty(name).EnumerateArray().Select(v => v.GetSingle()).ToArray();

    private static float[] ToNchw(float[] nhwc, int n, int h, int w, int c)
    {
        var result = new float[nhwc.Length];
        for (var b = 0; b < n; b++)
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++)
                    for (var k = 0; k < c; k++)
                        result[((b * c + k) * h + y) * w + x] = nhwc[((b * h + y) * w + x) * c + k];
        return result;
    }
}
