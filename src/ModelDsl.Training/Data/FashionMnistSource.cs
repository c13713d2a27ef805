namespace ModelDsl.Training.Data;

/// <summary>Where <see cref="FashionMnist"/> looks for the data set and where it downloads it from.</summary>
public sealed record FashionMnistSource
{
    /// <summary>The base URL of the four files; Keras's by default (<see cref="FashionMnist.KerasBaseUrl"/>).</summary>
    public Uri BaseUrl { get; init; } = new(FashionMnist.KerasBaseUrl);

    /// <summary>The per-user cache that downloads go to (<see cref="FashionMnist.DefaultCacheDirectory"/> by default).</summary>
    public string CacheDirectory { get; init; } = FashionMnist.DefaultCacheDirectory;

    /// <summary>A system-wide copy used before downloading (Debian's <c>dataset-fashion-mnist</c>); null to skip it.</summary>
    public string? SystemDirectory { get; init; } = MnistDataSet.DebianFashionMnistDirectory;

    /// <summary>The HTTP client to download with; null uses a shared one.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Called as bytes arrive (on the calling thread).</summary>
    public Action<DownloadProgress>? Progress { get; init; }
}
