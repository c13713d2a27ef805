using ModelDsl.Vision;
using static TorchSharp.torch;

namespace ModelDsl.Transfer;

/// <summary>
/// Classifies the images of a folder with a pretrained classifier, e.g. a zoo model loaded with
/// torchvision's ImageNet weights: images are decoded and resized to the model's input by
/// ModelDsl.Vision's <see cref="ImageFolderDataset"/> and normalised the way the weights expect.
/// </summary>
public static class ImageClassifier
{
    /// <summary>The <paramref name="topK"/> most probable classes of every image under <paramref name="folder"/>.</summary>
    /// <param name="model">A classifier taking [N, 3, H, W]; its output goes through softmax unless it already ends in one.</param>
    /// <param name="folder">A folder of images, or of class subfolders of images (searched one level deep).</param>
    /// <param name="preprocessing">The normalisation the weights were trained with (<see cref="PreprocessingMode.Torch"/> for torchvision's).</param>
    /// <param name="classNames">Names by class index (e.g. ImageNet's 1000), or null to report indices only.</param>
    /// <param name="topK">Classes reported per image.</param>
    /// <param name="batchSize">Images per forward pass.</param>
    public static IReadOnlyList<ImagePrediction> Classify(ClassifierView model, string folder, PreprocessingMode preprocessing = PreprocessingMode.Torch,
        IReadOnlyList<string>? classNames = null, int topK = 5, int batchSize = 8)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        var input = model.InputShape;
        var dataset = Open(folder, new ImageFolderOptions
        {
            TargetSize = new ImageSize(input[1], input[2]),
            Preprocessing = preprocessing,
            ClassMode = ClassMode.None,
        });
        model.Module.eval();
        var results = new List<ImagePrediction>(dataset.Count);
        using var noGrad = no_grad();
        var order = Enumerable.Range(0, dataset.Count).ToArray();
        for (var start = 0; start < order.Length; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var indices = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
            var batch = dataset.LoadImages(indices);
            var output = model.Module.call(batch);
            var probabilities = model.EndsInSoftmax ? output : output.softmax(1);
            var classes = (int)probabilities.shape[1];
            var values = probabilities.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
            for (var i = 0; i < indices.Length; i++)
            {
                var row = values.AsSpan(i * classes, classes).ToArray();
                var top = Enumerable.Range(0, classes).OrderByDescending(c => row[c]).Take(topK)
                    .Select(c => (c, classNames is not null && c < classNames.Count ? classNames[c] : null, row[c]))
                    .ToList();
                results.Add(new ImagePrediction(dataset.Images[indices[i]].Path, top));
            }
        }
        return results;
    }

    // A plain folder of images becomes the single class of its parent, so the folder dataset's scanner applies.
    private static ImageFolderDataset Open(string folder, ImageFolderOptions options)
    {
        var full = Path.GetFullPath(folder);
        var hasSubfolders = Directory.Exists(full) && Directory.EnumerateDirectories(full).Any(d => !Path.GetFileName(d).StartsWith('.'));
        if (hasSubfolders) return new ImageFolderDataset(full, options);
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(full))
            ?? throw new ArgumentException($"'{folder}' has no parent folder.", nameof(folder));
        return new ImageFolderDataset(parent, options with { Classes = [Path.GetFileName(Path.TrimEndingDirectorySeparator(full))] });
    }
}

/// <summary>What <see cref="ImageClassifier"/> needs of a model: the module, its per-sample input shape and whether it ends in softmax.</summary>
/// <param name="Module">The classifier: any TorchSharp module, e.g. a torchvision model or a generated one.</param>
/// <param name="InputShape">[C, H, W] of one input image.</param>
/// <param name="EndsInSoftmax">True when the output already is probabilities.</param>
public sealed record ClassifierView(nn.Module<Tensor, Tensor> Module, IReadOnlyList<int> InputShape, bool EndsInSoftmax)
{
    /// <summary>The view of a zoo or spec model.</summary>
    public static implicit operator ClassifierView(TransferModule model) =>
        new(model, model.InputShape.Dims.ToArray(), model.OutputIsProbabilities);

    /// <summary>The view of a base with a head.</summary>
    public static implicit operator ClassifierView(TransferModel model) =>
        new(model, model.Base.InputShape.Dims.ToArray(), model.OutputIsProbabilities);
}
