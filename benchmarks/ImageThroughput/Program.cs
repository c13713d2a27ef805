// Decode + resize + augment throughput of ModelDsl.Vision over an image folder, read the way training
// reads it: ImageFolderDataset behind the trainer's DataLoader (background prefetch), 224x224, the same
// augmentation as bench_torchvision.py. Prints images/s per epoch. Not a test: run through run.sh.
//
// Usage: ImageThroughput DIR [--epochs 3] [--batch 32] [--threads 2] [--preview grid.png | --stages]
using System.Diagnostics;
using ModelDsl.Training.Data;
using ModelDsl.Vision;
using TorchSharp;

var dir = args.Length > 0 ? args[0] : throw new ArgumentException("usage: ImageThroughput DIR [--epochs N] [--batch N] [--threads N] [--preview PNG]");
var epochs = Option("--epochs", 3);
var batchSize = Option("--batch", 32);
var threads = Option("--threads", 2);
torch.set_num_threads(threads);

var augmenter = new ImageAugmenter(seed: 1)
{
    RotationRange = 20, WidthShiftRange = 0.1, HeightShiftRange = 0.1, ShearRange = 10,
    ZoomRange = new ValueRange(0.9, 1.1), HorizontalFlip = true,
};
var dataset = new ImageFolderDataset(dir, new ImageFolderOptions
{
    TargetSize = new ImageSize(224, 224), Interpolation = Interpolation.Bilinear, ClassMode = ClassMode.Sparse,
    Rescale = 1f / 255, Augmenter = augmenter, DecodeThreads = threads,
});

var previewAt = Array.IndexOf(args, "--preview");
if (previewAt >= 0)
{
    var size = AugmentationPreview.WriteGrid(dataset, args[previewAt + 1], augmenter, rows: 4, cols: 6);
    Console.WriteLine($"preview {size} written to {args[previewAt + 1]}");
    return;
}

if (args.Contains("--stages"))
{
    Stages.Run(dataset, augmenter, batchSize);
    return;
}

var loader = new DataLoader(dataset, batchSize, shuffle: true, seed: 0, prefetch: 2);
Console.WriteLine($"modeldsl: {dataset.Count} images, {dataset.ClassNames.Count} classes, batch {batchSize}, {threads} threads");
for (var epoch = 0; epoch < epochs; epoch++)
{
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var seen = 0;
    double checksum = 0;
    foreach (var batch in loader.Epoch(epoch))
    {
        using (batch)
        {
            seen += batch.Size;
            checksum += batch.Inputs.sum().item<float>();   // touch the data, as a training step would
        }
    }
    watch.Stop();
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    Console.WriteLine($"modeldsl epoch {epoch}: {seen} images in {watch.Elapsed.TotalSeconds:F2} s = {seen / watch.Elapsed.TotalSeconds:F1} images/s; " +
        $"cpu {cpuSeconds:F2} s = {seen / cpuSeconds:F1} images/cpu-s (checksum {checksum:F3})");
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
