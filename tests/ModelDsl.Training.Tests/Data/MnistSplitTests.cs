using ModelDsl.Tests.Shared;
using ModelDsl.Training.Data;

namespace ModelDsl.Training.Tests.Data;

/// <summary>
/// An IDX directory whose test images differ in size from its training images is refused when it is loaded (so
/// before any training), naming the file and both sizes; an unreadable directory is reported as unreadable.
/// </summary>
public sealed class MnistSplitTests
{
    private static void WriteSplit(TempDir dir, string prefix, int count, int height, int width)
    {
        IdxWriter.Write(dir.File($"{prefix}-images-idx3-ubyte"), IdxWriter.Bytes([count, height, width], new byte[count * height * width]));
        IdxWriter.Write(dir.File($"{prefix}-labels-idx1-ubyte"), IdxWriter.Bytes([count], Enumerable.Range(0, count).Select(i => (byte)(i % 3)).ToArray()));
    }

    [Fact]
    public void Test_images_of_another_size_are_refused_at_load_naming_the_file_and_both_sizes()
    {
        using var dir = new TempDir();
        WriteSplit(dir, "train", 6, 28, 28);
        WriteSplit(dir, "t10k", 4, 32, 30);

        var e = Assert.Throws<InvalidDataException>(() => MnistDataSet.Load(dir.Path));

        Assert.Equal(
            $"Test images '{dir.File("t10k-images-idx3-ubyte")}' are 32x30 but the training images '{dir.File("train-images-idx3-ubyte")}' are 28x28; both splits must have the same image size.",
            e.Message);
    }

    [Fact]
    public void Splits_of_the_same_size_load()
    {
        using var dir = new TempDir();
        WriteSplit(dir, "train", 6, 12, 10);
        WriteSplit(dir, "t10k", 4, 12, 10);

        var set = MnistDataSet.Load(dir.Path);

        Assert.Equal((6, 4, 12, 10), (set.Train.Count, set.Test.Count, set.Test.Height, set.Test.Width));
    }

    [Fact]
    public void An_unreadable_data_directory_is_reported_as_unreadable_not_as_missing_files()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permission bits
        using var dir = new TempDir();
        WriteSplit(dir, "train", 6, 12, 10);
        WriteSplit(dir, "t10k", 4, 12, 10);
        using var locked = Unprivileged.Lock(dir.Path);

        var e = Unprivileged.Run(() => Assert.Throws<UnauthorizedAccessException>(() => MnistDataSet.Load(dir.Path)));

        Assert.Equal($"Data directory '{dir.Path}' cannot be read: permission denied.", e.Message);
    }
}
