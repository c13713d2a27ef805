namespace ModelDsl.Transfer.Weights;

/// <summary>Chooses a <see cref="WeightsFormat"/> from a file name.</summary>
public static class WeightsFormats
{
    /// <summary>The format a file name's extension stands for.</summary>
    /// <exception cref="ArgumentException">The extension is not one of the known ones.</exception>
    public static WeightsFormat FromPath(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".safetensors" => WeightsFormat.Safetensors,
            ".pth" or ".pt" or ".bin" or ".ckpt" => WeightsFormat.Pth,
            _ => throw new ArgumentException(
                $"Cannot tell the weights format of '{path}' from its extension '{extension}': use .pth, .pt or .safetensors, or pass the format.",
                nameof(path)),
        };
    }
}
