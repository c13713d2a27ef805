namespace ModelDsl.Transfer.Weights;

/// <summary>Opens weights files for reading, turning I/O failures into errors that name the file.</summary>
internal static class WeightsFiles
{
    public static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WeightsFormatException(path, $"cannot open the file: {e.Message}", e);
        }
    }
}
