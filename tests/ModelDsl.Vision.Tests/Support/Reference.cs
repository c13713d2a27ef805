using System.Text.Json;

namespace ModelDsl.Vision.Tests.Support;

/// <summary>Fixtures made by Fixtures/make_fixtures.py with Pillow and torchvision.</summary>
public static class Reference
{
    private static readonly Lazy<JsonElement> Json = new(() =>
        JsonDocument.Parse(File.ReadAllText(PathOf("reference.json"))).RootElement);

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", file);

    public static int Height => Json.Value.GetProperty("height").GetInt32();

    public static int Width => Json.Value.GetProperty("width").GetInt32();

    /// <summary>Flat HWC pixels of one entry.</summary>
    public static int[] Pixels(string key) => Json.Value.GetProperty(key).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>Converts CHW floats to flat HWC ints, for comparing with the references.</summary>
    public static int[] ToHwc(float[] chw, int channels, int height, int width)
    {
        var hwc = new int[chw.Length];
        for (var c = 0; c < channels; c++)
        {
            for (var i = 0; i < height * width; i++) hwc[i * channels + c] = (int)chw[c * height * width + i];
        }
        return hwc;
    }

    public static int MaxAbsDiff(int[] a, int[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
    }
}
