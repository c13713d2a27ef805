using ModelDsl.Transfer.Tests.Support;
using ModelDsl.Transfer.Weights;

namespace ModelDsl.Transfer.Tests;

public class PthErrorTests
{
    [Fact]
    public void A_forbidden_global_is_refused_by_name_and_never_called()
    {
        var path = WeightsFixtures.PathOf("forbidden_global.pth");

        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.Contains("unsupported global 'os.system'", error.Message);
        Assert.Contains("forbidden_global/data.pkl", error.Message);
        Assert.DoesNotContain("state_dict", error.Message); // the whole-model advice is for classes only
    }

    [Fact]
    public void A_whole_pickled_model_is_refused_with_advice()
    {
        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(WeightsFixtures.PathOf("whole_model.pth")));

        Assert.Contains("unsupported global '__main__.SmallNet'", error.Message);
        Assert.Contains("save model.state_dict() instead", error.Message);
    }

    [Fact]
    public void An_unsupported_storage_dtype_is_named()
    {
        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(WeightsFixtures.PathOf("complex.pth")));

        Assert.Contains("unsupported dtype: storage class 'torch.ComplexFloatStorage'", error.Message);
    }

    [Fact]
    public void A_truncated_file_is_reported_as_such()
    {
        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(WeightsFixtures.PathOf("truncated.pth")));

        Assert.Contains("truncated or corrupt", error.Message);
    }

    [Fact]
    public void A_storage_shorter_than_its_tensor_names_the_tensor()
    {
        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(WeightsFixtures.PathOf("truncated_storage.pth")));

        Assert.Contains("truncated storage: tensor 'features.0.weight' of shape [3, 2, 3, 3] needs elements up to 54 of storage '0', which holds only 2", error.Message);
    }

    [Fact]
    public void The_legacy_format_is_detected()
    {
        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(WeightsFixtures.PathOf("legacy.pth")));

        Assert.Contains("legacy (pre-1.6, non-zip) serialization format", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_zip_is_refused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("notes.pth");
        File.WriteAllText(path, "hello, not weights");

        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(path));

        Assert.Equal($"{path}: not a zip archive, so not a torch.save (.pth/.pt) file", error.Message);
    }

    [Fact]
    public void A_zip_without_data_pkl_is_refused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("other.pt");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            zip.CreateEntry("readme.txt");
        }

        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(path));

        Assert.Contains("no data.pkl record", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-weights.pth");

        var error = Assert.Throws<WeightsFormatException>(() => WeightsFile.Read(path));

        Assert.StartsWith($"{path}: cannot open the file", error.Message);
    }

    [Fact]
    public void An_unknown_extension_asks_for_the_format()
    {
        var error = Assert.Throws<ArgumentException>(() => WeightsFile.Read("model.h5"));

        Assert.Contains("'.h5'", error.Message);
    }
}
