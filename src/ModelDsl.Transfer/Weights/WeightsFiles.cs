namespace ModelDsl.Transfer.Weights.Safetensors;

/// <summary>Opens safetensors files, turning I/O failures into errors that name the file.</summary>
internal static class SafetensorsFiles
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
