using ModelDsl.Torch;
using ModelDsl.Training.Checkpoints;

namespace ModelDsl.Training.Tests.Training;

public sealed class CheckpointFileTests
{
    [Fact]
    public void Tensors_and_epoch_round_trip_with_their_dtypes()
    {
        using var dir = new TempDir();
        using var scope = DisposeScope.Begin();
        var path = dir.File("a.pt");
        CheckpointFile.Save(path, 4, [
            KeyValuePair.Create("w", Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3)),
            KeyValuePair.Create("step", Tensor.Scalar(7, DType.Int64)),
        ]);

        var (epoch, tensors) = CheckpointFile.Load(path);

        Assert.Equal(4, epoch);
        Assert.Equal([2L, 3L], tensors["w"].Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], tensors["w"].ToArray<float>());
        Assert.Equal(DType.Int64, tensors["step"].DType);
        Assert.Equal(7, tensors["step"].Item<long>());
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    public void A_cut_file_is_reported_by_name(int keep)
    {
        using var dir = new TempDir();
        using var scope = DisposeScope.Begin();
        var path = dir.File("cut.pt");
        CheckpointFile.Save(path, 0, [KeyValuePair.Create("w", Tensor.Zeros(100))]);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..keep]);

        var e = Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_checkpoint_is_reported()
    {
        using var dir = new TempDir();
        var path = dir.File("notes.pt");
        File.WriteAllText(path, "just some text, long enough to have a header");

        var e = Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(path));

        Assert.Contains("is not a ModelDsl checkpoint", e.Message);
    }
}
