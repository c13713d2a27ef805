using ModelDsl.Training.Data;

namespace ModelDsl.Training.Tests.Data;

public sealed class FashionMnistTests
{
    private const string Debian = MnistDataSet.DebianFashionMnistDirectory;

    private static FashionMnistSource Source(LocalHttpServer server, string cache, List<DownloadProgress>? progress = null) => new()
    {
        BaseUrl = server.BaseUrl,
        CacheDirectory = cache,
        SystemDirectory = null, // force the download path even though Debian's copy is installed here
        Progress = progress is null ? null : progress.Add,
    };

    [Fact]
    public void A_data_directory_always_wins_and_a_missing_one_is_named()
    {
        using var dir = new TempDir();
        Assert.Equal(dir.Path, FashionMnist.Locate(dir.Path));

        var e = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Locate(dir.File("nope")));
        Assert.Contains("nope", e.Message);
    }

    [Fact]
    public void Debians_copy_is_used_before_any_download()
    {
        using var cache = new TempDir();
        var source = new FashionMnistSource { BaseUrl = new Uri("http://127.0.0.1:9/unreachable/"), CacheDirectory = cache.File("c") };

        Assert.Equal(Debian, FashionMnist.Locate(source: source));
        Assert.False(Directory.Exists(cache.File("c")));
    }

    [Fact]
    public void Debians_files_have_the_checksummed_contents()
    {
        // Debian ships the four files gzipped; the checksums are of their decompressed contents.
        foreach (var name in FashionMnist.FileNames)
        {
            Assert.True(File.Exists(Path.Combine(Debian, name)), $"{name} is gzipped in Debian's package");
            Assert.Equal(FashionMnist.ContentSha256[name], FashionMnist.ContentHash(Path.Combine(Debian, name)));
        }
    }

    [Fact]
    public void Downloads_verify_report_progress_and_are_cached()
    {
        using var cache = new TempDir();
        using var server = new LocalHttpServer(Debian);
        var progress = new List<DownloadProgress>();

        var located = FashionMnist.Locate(source: Source(server, cache.Path, progress));

        Assert.Equal(cache.Path, located);
        Assert.Equal(4, server.Requests);
        Assert.Equal(FashionMnist.FileNames.Order(), Directory.GetFiles(cache.Path).Select(Path.GetFileName).Order());
        var images = progress.Where(p => p.FileName == "train-images-idx3-ubyte.gz").ToList();
        Assert.True(images.Count > 2, "progress is reported while bytes arrive");
        Assert.Equal(new FileInfo(Path.Combine(Debian, "train-images-idx3-ubyte.gz")).Length, images[^1].BytesReceived);
        Assert.Equal(images[^1].BytesReceived, images[^1].TotalBytes);

        // Second call: everything is cached and verified, nothing is downloaded again.
        FashionMnist.Locate(source: Source(server, cache.Path));
        Assert.Equal(4, server.Requests);

        var set = FashionMnist.Load(source: Source(server, cache.Path));
        Assert.Equal((60000, 10000), (set.Train.Count, set.Test.Count));
        Assert.Equal("Ankle boot", set.ClassNames[9]);
    }

    [Fact]
    public void A_damaged_cache_file_is_downloaded_again_and_only_that_one()
    {
        using var cache = new TempDir();
        using var server = new LocalHttpServer(Debian);
        FashionMnist.Locate(source: Source(server, cache.Path));
        File.WriteAllBytes(cache.File("t10k-labels-idx1-ubyte.gz"), [1, 2, 3]);

        FashionMnist.Locate(source: Source(server, cache.Path));

        Assert.Equal(5, server.Requests);
        Assert.Equal(FashionMnist.ContentSha256["t10k-labels-idx1-ubyte.gz"], FashionMnist.ContentHash(cache.File("t10k-labels-idx1-ubyte.gz")));
    }

    [Fact]
    public void A_wrong_checksum_is_a_clear_error_and_leaves_nothing_in_the_cache()
    {
        using var cache = new TempDir();
        var labels = File.ReadAllBytes(Path.Combine(Debian, "t10k-labels-idx1-ubyte.gz"));
        using var server = new LocalHttpServer(Debian, new Dictionary<string, byte[]> { ["train-labels-idx1-ubyte.gz"] = labels });

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Locate(source: Source(server, cache.Path)));

        Assert.Contains("train-labels-idx1-ubyte.gz", e.Message);
        Assert.Contains("SHA-256", e.Message);
        Assert.Contains(FashionMnist.ContentSha256["train-labels-idx1-ubyte.gz"], e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(cache.Path)); // no temporary file, no unverified file
    }

    [Fact]
    public void A_missing_file_on_the_server_names_the_url()
    {
        using var cache = new TempDir();
        using var empty = new TempDir();
        using var server = new LocalHttpServer(empty.Path);

        var e = Assert.Throws<HttpRequestException>(() => FashionMnist.Locate(source: Source(server, cache.Path)));

        Assert.Contains(server.BaseUrl + "train-labels-idx1-ubyte.gz", e.Message);
        Assert.Contains("404", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(cache.Path));
    }
}
