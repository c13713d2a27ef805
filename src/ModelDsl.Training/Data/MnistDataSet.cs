namespace ModelDsl.Training.Data;

/// <summary>
/// An MNIST-layout directory of IDX files (<c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>,
/// <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c>, each raw or with <c>.gz</c>), e.g. Debian's
/// <c>/usr/share/datasets/fashion-mnist</c> or an MNIST copy.
/// </summary>
public sealed class MnistDataSet
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs Fashion-MNIST.</summary>
    public const string DebianFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Fashion-MNIST class names, in label order.</summary>
    public static readonly IReadOnlyList<string> FashionMnistClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private MnistDataSet(IdxImageDataset train, IdxImageDataset test, IReadOnlyList<string> classNames)
    {
        Train = train;
        Test = test;
        ClassNames = classNames;
    }

    /// <summary>The training split.</summary>
    public IdxImageDataset Train { get; }

    /// <summary>The test split.</summary>
    public IdxImageDataset Test { get; }

    /// <summary>One name per class label.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>
    /// Loads both splits from <paramref name="directory"/>. Class names come from a <c>classes.txt</c> (one per
    /// line) if present, else Fashion-MNIST's when the directory name says "fashion", else the label numbers.
    /// </summary>
    /// <param name="directory">The directory holding the four IDX files.</param>
    /// <param name="targets">How the datasets encode labels in their batches.</param>
    /// <param name="classNames">The class names to use instead of guessing them from the directory.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory or a file in it cannot be read (permission denied).</exception>
    /// <exception cref="FileNotFoundException">One of the four files is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, or the test images differ in size from the training images; the message names the file.</exception>
    public static MnistDataSet Load(string directory, TargetEncoding targets = TargetEncoding.ClassIndex, IReadOnlyList<string>? classNames = null)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Data directory '{directory}' does not exist.");
        RequireListable(directory);
        var trainImages = Find(directory, "train-images-idx3-ubyte");
        var train = IdxImageDataset.Load(trainImages, Find(directory, "train-labels-idx1-ubyte"), targets);
        var testImages = Find(directory, "t10k-images-idx3-ubyte");
        var test = IdxImageDataset.Load(testImages, Find(directory, "t10k-labels-idx1-ubyte"), targets);
        // Found here, not when the first epoch's validation feeds the test images to a model built for the training size.
        if (test.Height != train.Height || test.Width != train.Width)
        {
            throw new InvalidDataException(
                $"Test images '{testImages}' are {test.Height}x{test.Width} but the training images '{trainImages}' are {train.Height}x{train.Width}; both splits must have the same image size.");
        }
        var classes = Math.Max(train.ClassCount, test.ClassCount);
        var names = classNames ?? ClassNamesFor(directory, classes);
        if (names.Count < classes) throw new InvalidDataException($"{names.Count} class names were given but the labels in '{directory}' go up to {classes - 1}.");
        train.ClassCount = test.ClassCount = names.Count;
        return new MnistDataSet(train, test, names);
    }

    private static IReadOnlyList<string> ClassNamesFor(string directory, int classes)
    {
        var file = Path.Combine(directory, "classes.txt");
        if (File.Exists(file))
        {
            var names = File.ReadAllLines(file).Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToArray();
            if (names.Length < classes)
            {
                throw new InvalidDataException($"'{file}' names {names.Length} classes but the labels go up to {classes - 1}.");
            }
            return names;
        }
        if (Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)).Contains("fashion", StringComparison.OrdinalIgnoreCase) && classes <= 10)
        {
            return FashionMnistClassNames;
        }
        // Digits and unknown sets: the label is the name; at least 10 so MNIST subsets keep all digits.
        return Enumerable.Range(0, Math.Max(classes, 10)).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    // File.Exists is false for every file of a directory this user may not read: say so instead of "missing".
    private static void RequireListable(string directory)
    {
        try
        {
            using var entries = Directory.EnumerateFileSystemEntries(directory).GetEnumerator();
            entries.MoveNext();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UnauthorizedAccessException($"Data directory '{directory}' cannot be read: permission denied.", e);
        }
    }

    private static string Find(string directory, string stem)
    {
        foreach (var candidate in new[] { stem, stem + ".gz", stem.Replace("-idx", ".idx", StringComparison.Ordinal), stem.Replace("-idx", ".idx", StringComparison.Ordinal) + ".gz" })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"Data directory '{directory}' has no '{stem}' or '{stem}.gz'.", Path.Combine(directory, stem));
    }
}
