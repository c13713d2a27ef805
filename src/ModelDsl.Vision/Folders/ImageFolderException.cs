namespace ModelDsl.Vision;

/// <summary>An image folder's layout is unusable (missing, no class folders, an empty class, a bad file).</summary>
public sealed class ImageFolderException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public ImageFolderException(string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
    }

    /// <summary>The folder or file at fault.</summary>
    public string Path { get; }
}
