using System.IO.Compression;
using System.Security.Cryptography;

namespace ModelDsl.Training.Data;

/// <summary>
/// Finds Fashion-MNIST the way a user expects: a directory given on the command line (<c>--data DIR</c>) always
/// wins; else Debian's <c>/usr/share/datasets/fashion-mnist</c> when installed; else the four <c>.gz</c> IDX files
/// are downloaded as Keras's <c>fashion_mnist.load_data()</c> does (same URL base and file names) into a per-user
/// cache, each checked by SHA-256 before it is used.
/// </summary>
/// <remarks>
/// The checksums are of the decompressed IDX contents, so they hold for any gzip packaging of the same data
/// (Debian recompressed its copies: its <c>.gz</c> bytes differ from the canonical archives while the data is
/// identical) and for raw, uncompressed copies.
/// </remarks>
public static class FashionMnist
{
    /// <summary>Keras's URL base for its data sets.</summary>
    public const string KerasBaseUrl = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

    /// <summary>The four files, in the order Keras downloads them.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["train-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz"];

    /// <summary>SHA-256 of each file's decompressed IDX contents (hashed from Debian's dataset-fashion-mnist 2020 files).</summary>
    public static readonly IReadOnlyDictionary<string, string> ContentSha256 = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["train-labels-idx1-ubyte.gz"] = "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
        ["train-images-idx3-ubyte.gz"] = "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
        ["t10k-labels-idx1-ubyte.gz"] = "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
        ["t10k-images-idx3-ubyte.gz"] = "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    };

    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient { Timeout = TimeSpan.FromMinutes(10) });

    /// <summary>
    /// The per-user download cache: <c>%LOCALAPPDATA%\ModelDsl\datasets\fashion-mnist</c> on Windows,
    /// <c>~/.modeldsl/datasets/fashion-mnist</c> elsewhere.
    /// </summary>
    public static string DefaultCacheDirectory =>
        OperatingSystem.IsWindows()
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ModelDsl", "datasets", "fashion-mnist")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".modeldsl", "datasets", "fashion-mnist");

    /// <summary>
    /// The directory holding the four IDX files: <paramref name="dataDirectory"/> when given, else the system copy
    /// when present, else the cache after downloading whatever it lacks.
    /// </summary>
    /// <param name="dataDirectory">A directory the user named (e.g. with <c>--data</c>); used as is, never downloaded into.</param>
    /// <param name="source">Where to look and download from; defaults to Debian's directory, Keras's URL and the per-user cache.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="dataDirectory"/> does not exist.</exception>
    /// <exception cref="InvalidDataException">A downloaded file does not match its checksum; nothing unverified is left in the cache.</exception>
    /// <exception cref="HttpRequestException">The download failed; the message names the URL.</exception>
    public static string Locate(string? dataDirectory = null, FashionMnistSource? source = null)
    {
        if (dataDirectory is not null)
        {
            if (!Directory.Exists(dataDirectory)) throw new DirectoryNotFoundException($"Data directory '{dataDirectory}' does not exist.");
            return dataDirectory;
        }
        source ??= new FashionMnistSource();
        if (source.SystemDirectory is { } system && FileNames.All(f => FindFile(system, f) is not null)) return system;
        Download(source);
        return source.CacheDirectory;
    }

    /// <summary>Locates the data (see <see cref="Locate"/>) and loads both splits with Fashion-MNIST's class names.</summary>
    /// <param name="dataDirectory">A directory the user named, or null.</param>
    /// <param name="targets">How batches encode labels.</param>
    /// <param name="source">Where to look and download from.</param>
    public static MnistDataSet Load(string? dataDirectory = null, TargetEncoding targets = TargetEncoding.ClassIndex, FashionMnistSource? source = null) =>
        MnistDataSet.Load(Locate(dataDirectory, source), targets, MnistDataSet.FashionMnistClassNames);

    /// <summary>Downloads into the cache each file it lacks or holds with wrong contents; files already verified are kept.</summary>
    /// <param name="source">The URL base, the cache and the progress callback.</param>
    public static void Download(FashionMnistSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Directory.CreateDirectory(source.CacheDirectory);
        foreach (var name in FileNames)
        {
            var target = Path.Combine(source.CacheDirectory, name);
            if (File.Exists(target))
            {
                if (ContentHash(target) == ContentSha256[name]) continue;
                File.Delete(target); // a damaged or planted file is replaced, never read as data
            }
            DownloadOne(source, name, target);
        }
    }

    private static void DownloadOne(FashionMnistSource source, string name, string target)
    {
        var url = new Uri(source.BaseUrl, name);
        var temp = Path.Combine(Path.GetDirectoryName(target)!, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var client = source.HttpClient ?? SharedClient.Value;
            using (var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead))
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"Downloading '{url}' failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
                }
                using var body = response.Content.ReadAsStream();
                using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                Copy(body, file, name, response.Content.Headers.ContentLength, source.Progress);
                file.Flush(flushToDisk: true);
            }
            var actual = ContentHash(temp);
            if (actual != ContentSha256[name])
            {
                throw new InvalidDataException(
                    $"'{url}' does not hold Fashion-MNIST's {name}: the SHA-256 of its contents is {actual}, expected {ContentSha256[name]}. " +
                    "Nothing was kept; check the URL or pass a directory holding the files with --data.");
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static void Copy(Stream from, Stream to, string name, long? total, Action<DownloadProgress>? progress)
    {
        var buffer = new byte[1 << 16];
        long received = 0;
        progress?.Invoke(new DownloadProgress(name, 0, total));
        int read;
        while ((read = from.Read(buffer)) > 0)
        {
            to.Write(buffer, 0, read);
            received += read;
            progress?.Invoke(new DownloadProgress(name, received, total));
        }
    }

    /// <summary>The SHA-256 (lower-case hex) of a file's contents, decompressed first when it is gzip.</summary>
    /// <param name="path">An IDX file, raw or gzip.</param>
    /// <exception cref="InvalidDataException">The file starts like gzip but is not a valid gzip stream.</exception>
    public static string ContentHash(string path)
    {
        using var file = File.OpenRead(path);
        var head = new byte[2];
        var gzip = file.ReadAtLeast(head, 2, throwOnEndOfStream: false) == 2 && head[0] == 0x1f && head[1] == 0x8b;
        file.Position = 0;
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The path of <paramref name="gzName"/> in <paramref name="directory"/>, compressed or not, or null.</summary>
    private static string? FindFile(string directory, string gzName)
    {
        var gz = Path.Combine(directory, gzName);
        if (File.Exists(gz)) return gz;
        var raw = gz[..^3];
        return File.Exists(raw) ? raw : null;
    }
}
