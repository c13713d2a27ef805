namespace ModelDsl.Vision;

/// <summary>An image file could not be read or decoded; the message names the file and the reason.</summary>
public sealed class ImageDecodeException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/> (a path, or a description of in-memory data).</summary>
    public ImageDecodeException(string source, string reason, Exception? inner = null)
        : base($"Cannot load image '{source}': {reason}", inner)
    {
        ImageSource = source;
        Reason = reason;
    }

    /// <summary>The file (or data) that failed.</summary>
    public string ImageSource { get; }

    /// <summary>Why it failed, without the file name.</summary>
    public string Reason { get; }
}
