namespace ModelDsl.Training.Data;

/// <summary>How far the download of one data file has got.</summary>
/// <param name="FileName">The file being downloaded, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
/// <param name="BytesReceived">Bytes received so far.</param>
/// <param name="TotalBytes">The file's size when the server announced it, else null.</param>
public sealed record DownloadProgress(string FileName, long BytesReceived, long? TotalBytes);
