using System.Diagnostics;
using ModelDsl.Vision;

/// <summary>Times each stage of a batch (file read, decode + resize, augment, normalise) on the calling thread.</summary>
internal static class Stages
{
    internal static void Run(ImageFolderDataset dataset, ImageAugmenter augmenter, int batchSize)
    {
        var indices = Enumerable.Range(0, Math.Min(batchSize * 4, dataset.Count)).ToArray();
        var paths = indices.Select(i => dataset.Images[i].Path).ToArray();
        var size = dataset.Options.TargetSize;

        // Warm up first, so the JIT and first-use costs are not billed to the first stage.
        foreach (var path in paths.Take(4)) ImageDecoder.Decode(File.ReadAllBytes(path), ColorMode.Rgb, size).Dispose();

        var watch = Stopwatch.StartNew();
        var files = paths.Select(File.ReadAllBytes).ToArray();
        Report("read files", watch, indices.Length);

        watch.Restart();
        cpuMark = Cpu();
        foreach (var f in files) ImageDecoder.Decode(f, ColorMode.Rgb, null).Dispose();
        Report("decode (stored size)", watch, indices.Length);

        watch.Restart();
        cpuMark = Cpu();
        foreach (var f in files) ImageDecoder.Decode(f, ColorMode.Rgb, size).Dispose();
        Report($"decode + resize to {size}", watch, indices.Length);

        for (var b = 0; b + batchSize <= indices.Length; b += batchSize)
        {
            using var raw = dataset.LoadImages(indices.AsSpan(b, batchSize));
            watch.Restart();
            cpuMark = Cpu();
            using var augmented = augmenter.Apply(raw);
            Report($"augment batch of {batchSize}", watch, batchSize);
            watch.Restart();
            cpuMark = Cpu();
            using var normalised = new ChannelNormalization(1f / 255).Apply(augmented);
            Report($"rescale batch of {batchSize}", watch, batchSize);
        }
    }

    private static TimeSpan cpuMark = Cpu();

    // CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
    private static void Report(string stage, Stopwatch watch, int images)
    {
        var cpu = Cpu();
        Console.WriteLine($"{stage,-32} wall {watch.Elapsed.TotalMilliseconds / images,8:F2} ms/image   cpu {(cpu - cpuMark).TotalMilliseconds / images,8:F2} ms/image");
        cpuMark = Cpu();
    }

    private static TimeSpan Cpu() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
}
