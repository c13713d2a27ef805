using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests;

public class PthReaderTests
{
    [Fact]
    public void Reads_an_OrderedDict_state_dict_with_its_values_and_order()
    {
        var dict = WeightsFile.Read(WeightsFixtures.PathOf("small_net.pth"));

        WeightsFixtures.AssertMatches("small_net.expected.json", dict);
        Assert.Equal(7, dict["features.1.num_batches_tracked"].ToInt64Array().Single());
        Assert.Empty(dict["features.1.num_batches_tracked"].Shape);
    }

    [Fact]
    public void Reads_pickle_protocol_4_with_frames_memoize_and_stack_globals()
    {
        var dict = WeightsFile.Read(WeightsFixtures.PathOf("small_net_protocol4.pth"));

        WeightsFixtures.AssertMatches("small_net.expected.json", dict);
        Assert.Equal("version=2", dict.Metadata["features.1"]);
    }

    [Fact]
    public void Keeps_the_module_versions_of_metadata()
    {
        var dict = WeightsFile.Read(WeightsFixtures.PathOf("small_net.pth"));

        Assert.Equal("version=2", dict.Metadata["features.1"]); // BatchNorm2d is at version 2
        Assert.Equal("version=1", dict.Metadata[""]);
        Assert.Equal("version=1", dict.Metadata["classifier"]);
    }

    [Fact]
    public void Reads_float16_bfloat16_float64_and_integer_storages()
    {
        var dict = WeightsFile.Read(WeightsFixtures.PathOf("dtypes.pth"));

        WeightsFixtures.AssertMatches("dtypes.expected.json", dict);
        Assert.Equal(ScalarType.Float16, dict["half"].Type);
        Assert.Equal(65504f, dict["half"].ToFloat32Array()[2]);
        Assert.Equal(-(1L << 40), dict["long"].ToInt64Array()[0]);
    }

    [Fact]
    public void Reads_views_with_offsets_strides_and_shared_storage_as_contiguous_tensors()
    {
        var dict = WeightsFile.Read(WeightsFixtures.PathOf("views.pth"));

        WeightsFixtures.AssertMatches("views.expected.json", dict);
        Assert.Equal([0f, 6, 12, 18, 1, 7, 13, 19], dict["transposed"].ToFloat32Array()[..8]);
        Assert.Equal([6f, 7, 8, 9, 10, 11], dict["rows"].ToFloat32Array()[..6]);
        Assert.Equal([0f, 2, 4, 6, 8, 10], dict["every_other"].ToFloat32Array()[..6]);
        Assert.Equal(2.5f, dict["scalar"].ToFloat32Array().Single());
        Assert.Equal([0L, 3], dict["empty"].Shape);
    }

    [Fact]
    public void Finds_the_state_dict_of_a_checkpoint_by_key_path()
    {
        var dict = WeightsFile.Read(WeightsFixtures.PathOf("checkpoint.pth"), keyPath: "state_dict");

        WeightsFixtures.AssertMatches("checkpoint.expected.json", dict);
        Assert.Equal(8, dict["features.1.num_batches_tracked"].ToInt64Array().Single());
    }

    [Fact]
    public void Key_paths_reach_integer_keys_of_nested_dicts()
    {
        // SGD's state is keyed by parameter index: optimizer/state/0 is features.0.weight's momentum buffer.
        var momentum = WeightsFile.Read(WeightsFixtures.PathOf("checkpoint.pth"), keyPath: "optimizer/state/0");

        Assert.Equal("momentum_buffer", Assert.Single(momentum).Name);
        Assert.Equal([3L, 2, 3, 3], momentum["momentum_buffer"].Shape);
    }

    [Fact]
    public void A_checkpoint_read_without_key_path_says_where_the_tensors_are()
    {
        var path = WeightsFixtures.PathOf("checkpoint.pth");

        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("entry 'epoch' is of type int, not a tensor", error.Message);
        Assert.Contains("'state_dict'", error.Message);
    }

    [Fact]
    public void An_unknown_key_path_lists_the_keys_that_exist()
    {
        var error = Assert.Throws<WeightsFormatException>(() =>
            WeightsFile.Read(WeightsFixtures.PathOf("checkpoint.pth"), keyPath: "model"));

        Assert.Contains("no key 'model' at the top level (keys: epoch, state_dict, optimizer, note)", error.Message);
    }
}
