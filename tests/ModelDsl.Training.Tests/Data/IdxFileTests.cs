using ModelDsl.Training.Data;

namespace ModelDsl.Training.Tests.Data;

public sealed class IdxFileTests
{
    private static readonly byte[] FourImages = Enumerable.Range(0, 4 * 2 * 3).Select(i => (byte)i).ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_raw_and_gzip_files_alike(bool gzip)
    {
        using var dir = new TempDir();
        var path = IdxWriter.Write(dir.File("images"), IdxWriter.Bytes([4, 2, 3], FourImages), gzip);

        var idx = IdxFile.Read(path, expectedRank: 3);

        Assert.Equal([4, 2, 3], idx.Dimensions);
        Assert.Equal(4, idx.Count);
        Assert.Equal(6, idx.ExampleSize);
        Assert.Equal(FourImages, idx.Data);
    }

    [Fact]
    public void Truncated_data_names_the_file_and_the_missing_bytes()
    {
        using var dir = new TempDir();
        var bytes = IdxWriter.Bytes([4, 2, 3], FourImages);
        var path = IdxWriter.Write(dir.File("cut-images.gz"), bytes[..^5], gzip: true);

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("24 data bytes but only 19", e.Message);
    }

    [Fact]
    public void Truncated_header_is_reported()
    {
        using var dir = new TempDir();
        var path = IdxWriter.Write(dir.File("short"), IdxWriter.Bytes([4, 2, 3], [])[..9]);

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("truncated", e.Message);
        Assert.Contains("dimension sizes", e.Message);
    }

    [Fact]
    public void Wrong_magic_is_reported_with_the_value_found()
    {
        using var dir = new TempDir();
        var path = IdxWriter.Write(dir.File("bad-magic"), IdxWriter.Bytes([4, 2, 3], FourImages, magic: 0x00000D03));

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains(path, e.Message);
        Assert.Contains("wrong magic number 0x00000D03", e.Message);
    }

    [Fact]
    public void A_label_file_where_images_are_expected_is_a_rank_error()
    {
        using var dir = new TempDir();
        var path = IdxWriter.Write(dir.File("labels"), IdxWriter.Bytes([4], [1, 2, 3, 4]));

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path, expectedRank: 3));

        Assert.Contains("has 1 dimension(s)", e.Message);
        Assert.Contains("0x00000803", e.Message);
    }

    [Fact]
    public void Trailing_bytes_are_reported()
    {
        using var dir = new TempDir();
        var path = IdxWriter.Write(dir.File("long"), IdxWriter.Bytes([2], [1, 2, 3]));

        var e = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));

        Assert.Contains("data past the 2 bytes", e.Message);
    }

    [Fact]
    public void Label_count_different_from_image_count_names_both_files()
    {
        using var dir = new TempDir();
        var images = IdxWriter.Write(dir.File("imgs"), IdxWriter.Bytes([4, 2, 3], FourImages));
        var labels = IdxWriter.Write(dir.File("lbls"), IdxWriter.Bytes([3], [0, 1, 2]));

        var e = Assert.Throws<InvalidDataException>(() => IdxImageDataset.Load(images, labels));

        Assert.Contains(images, e.Message);
        Assert.Contains(labels, e.Message);
        Assert.Contains("4 images", e.Message);
        Assert.Contains("3 labels", e.Message);
    }

    [Fact]
    public void Debian_fashion_mnist_loads_with_its_class_names()
    {
        var set = MnistDataSet.Load(MnistDataSet.DebianFashionMnistDirectory);

        Assert.Equal(60000, set.Train.Count);
        Assert.Equal(10000, set.Test.Count);
        Assert.Equal((28, 28), (set.Train.Height, set.Train.Width));
        Assert.Equal("Ankle boot", set.ClassNames[9]);
        Assert.Equal(10, set.Train.ClassCount);
        // Fashion-MNIST is balanced: 6,000 of each class in training.
        Assert.Equal(6000, Enumerable.Range(0, set.Train.Count).Count(i => set.Train.Label(i) == 9));
    }

    [Fact]
    public void A_missing_file_in_the_data_directory_is_named()
    {
        using var dir = new TempDir();
        IdxWriter.Write(dir.File("train-images-idx3-ubyte"), IdxWriter.Bytes([4, 2, 3], FourImages));

        var e = Assert.Throws<FileNotFoundException>(() => MnistDataSet.Load(dir.Path));

        Assert.Contains("train-labels-idx1-ubyte", e.Message);
    }
}
