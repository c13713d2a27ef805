// Classifies the images of a folder with an ImageNet-pretrained VGG16 or MobileNetV2 given the
// torchvision weights file (see README.md for the file names and where to get them).
using System.Globalization;
using ModelDsl.Transfer;
using ModelDsl.Vision;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: ClassifyFolder <image-folder> <weights.pth> [--model vgg16|mobilenet_v2] [--labels names.txt] [--top 5]");
    Console.Error.WriteLine("weights: vgg16-397923af.pth or mobilenet_v2-b0353104.pth from https://download.pytorch.org/models/ (torchvision's ImageNet weights)");
    return 2;
}
var folder = args[0];
var weights = args[1];
var modelName = Option("--model") ?? Path.GetFileName(weights).ToLowerInvariant();
var labelsPath = Option("--labels");
var top = int.Parse(Option("--top") ?? "5", CultureInfo.InvariantCulture);

try
{
    using var model = modelName.StartsWith("vgg16", StringComparison.Ordinal) ? Zoo.Vgg16(weights: weights)
        : modelName.StartsWith("mobilenet_v2", StringComparison.Ordinal) ? Zoo.MobileNetV2(weights: weights)
        : throw new ArgumentException($"Cannot tell the architecture from '{modelName}': name the file vgg16*.pth or mobilenet_v2*.pth, or pass --model.");
    IReadOnlyList<string>? names = labelsPath is null ? null : File.ReadAllLines(labelsPath).Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToArray();
    if (names is null) Console.WriteLine("No --labels file: ImageNet class names are not available offline, so class indices are printed.");
    Console.WriteLine($"{model.Graph.Name} with {Path.GetFileName(weights)}");
    foreach (var prediction in ImageClassifier.Classify(model, folder, PreprocessingMode.Torch, names, top))
    {
        var best = string.Join(", ", prediction.Top.Select(t => $"{t.Name ?? "class " + t.Index} {t.Probability:P1}"));
        Console.WriteLine($"{Path.GetRelativePath(folder, prediction.Path)}: {best}");
    }
    return 0;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
