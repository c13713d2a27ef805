using ModelDsl.Vision;

namespace ModelDsl.Vision.Tests.Support;

/// <summary>A scratch folder deleted after the test, with helpers to write images into it.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "mdsl-vision-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Writes a solid-colour RGB image (PNG or JPEG by extension) of the given size.</summary>
    public string WriteSolid(string relative, byte r, byte g, byte b, int width = 8, int height = 6)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < width * height; i++)
        {
            pixels[i * 3] = r;
            pixels[i * 3 + 1] = g;
            pixels[i * 3 + 2] = b;
        }
        return Write(relative, pixels, width, height, 3);
    }

    public string Write(string relative, byte[] pixels, int width, int height, int channels)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (relative.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)) ImageWriter.WriteJpeg(path, pixels, width, height, channels, 95);
        else ImageWriter.WritePng(path, pixels, width, height, channels);
        return path;
    }

    public string WriteBytes(string relative, byte[] bytes)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A folder of classes, each with <c>count</c> solid PNGs whose red channel encodes class and number.</summary>
    public static TempFolder WithClasses(params (string Name, int Count)[] classes)
    {
        var folder = new TempFolder();
        for (var c = 0; c < classes.Length; c++)
        {
            for (var i = 0; i < classes[c].Count; i++)
            {
                folder.WriteSolid($"{classes[c].Name}/img{i:D3}.png", (byte)(c * 50 + i), (byte)c, 7);
            }
        }
        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
