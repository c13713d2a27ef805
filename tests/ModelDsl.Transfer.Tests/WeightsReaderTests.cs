using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests;

public class WeightsReaderTests
{
    [Fact]
    public void Opening_lists_names_types_and_shapes_before_any_storage_is_read()
    {
        // Storage 0 of this file is cut short, yet opening it succeeds: storages are only read on demand.
        using var reader = WeightsFile.Open(WeightsFixtures.PathOf("truncated_storage.pth"));

        Assert.Equal(9, reader.Tensors.Count);
        Assert.Equal("features.0.weight", reader.Tensors[0].Name);
        Assert.Equal(ScalarType.Float32, reader.Tensors[0].Type);
        Assert.Equal([3L, 2, 3, 3], reader.Tensors[0].Shape);
        Assert.Equal(ScalarType.Int64, reader.Tensors.Single(t => t.Name == "features.1.num_batches_tracked").Type);
    }

    [Fact]
    public void Only_the_tensors_asked_for_are_read()
    {
        using var reader = WeightsFile.Open(WeightsFixtures.PathOf("truncated_storage.pth"));

        var others = reader.ReadTensors(t => t.Name != "features.0.weight").ToList();
        var error = Assert.Throws<WeightsFormatException>(() => reader.ReadTensors(t => t.Name == "features.0.weight").ToList());

        Assert.Equal(8, others.Count);
        Assert.Equal([0.5f, -0.25f, 0.125f], others.Single(t => t.Name == "features.1.running_mean").ToFloat32Array());
        Assert.Contains("truncated storage: tensor 'features.0.weight'", error.Message);
    }

    [Fact]
    public void A_storage_shared_by_several_views_is_read_once_for_all_of_them()
    {
        using var reader = WeightsFile.Open(WeightsFixtures.PathOf("views.pth"));

        var views = reader.ReadTensors(t => t.Name is "rows" or "transposed").ToList();

        Assert.Equal(["transposed", "rows"], views.Select(v => v.Name));
        Assert.Equal([6f, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17], views[1].ToFloat32Array());
    }

    [Fact]
    public void Safetensors_open_lazily_too()
    {
        using var reader = WeightsFile.Open(WeightsFixtures.PathOf("small.safetensors"));

        Assert.Equal(["conv.weight", "conv.half", "steps"], reader.Tensors.Select(t => t.Name));
        Assert.Equal([42L], reader.ReadTensors(t => t.Name == "steps").Single().ToInt64Array());
        Assert.Equal("pt", reader.Metadata["format"]);
    }

    [Fact]
    public void A_disposed_reader_refuses_to_read()
    {
        var reader = WeightsFile.Open(WeightsFixtures.PathOf("small_net.pth"));
        reader.Dispose();

        Assert.Throws<ObjectDisposedException>(() => reader.ReadStateDict());
    }

    [Fact]
    public void Streams_are_read_like_files()
    {
        using var stream = new MemoryStream(File.ReadAllBytes(WeightsFixtures.PathOf("small_net.pth")));

        var dict = WeightsFile.Read(stream, WeightsFormat.Pth, sourceName: "embedded small_net.pth");

        WeightsFixtures.AssertMatches("small_net.expected.json", dict);
        Assert.True(stream.CanRead); // left open for its owner
    }
}
