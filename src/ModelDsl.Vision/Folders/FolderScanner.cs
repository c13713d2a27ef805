namespace ModelDsl.Vision;

/// <summary>Finds the class folders of an image folder and the image files in each.</summary>
internal static class FolderScanner
{
    // Image formats people keep in datasets that the decoder does not read: named as errors, not silently ignored.
    private static readonly HashSet<string> UnsupportedImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".tif", ".tiff", ".webp", ".heic", ".heif", ".avif", ".jxl", ".jp2", ".ico", ".svg", ".psd", ".tga",
    };

    /// <summary>The class names: <paramref name="requested"/> if given (each must exist), else every sub-folder sorted ordinally.</summary>
    internal static IReadOnlyList<string> FindClasses(string root, IReadOnlyList<string>? requested)
    {
        FolderAccess.RequireReadable(root, "Image folder");
        if (requested is not null)
        {
            if (requested.Count == 0) throw new ImageFolderException(root, "The list of classes is empty.");
            foreach (var name in requested)
            {
                var folder = Path.Combine(root, name);
                if (!Directory.Exists(folder) && !File.Exists(folder) && FolderAccess.List(root, "Image folder").All(e => Path.GetFileName(e) != name))
                {
                    throw new ImageFolderException(folder, $"Class folder '{name}' does not exist in '{root}'.");
                }
                FolderAccess.RequireReadable(folder, "Class folder");
            }
            if (requested.Distinct(StringComparer.Ordinal).Count() != requested.Count)
            {
                throw new ImageFolderException(root, "The list of classes names a folder twice.");
            }
            return requested.ToArray();
        }
        var names = FolderAccess.List(root, "Image folder", Directory.EnumerateDirectories)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !n.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (names.Length == 0)
        {
            throw new ImageFolderException(root,
                $"Image folder '{root}' has no class sub-folders; expected one sub-folder of images per class (e.g. '{root}/cats/1.jpg').");
        }
        return names;
    }

    /// <summary>
    /// The images of each class in file-name order (recursing into sub-folders). Files with an image
    /// extension the decoder cannot read are errors, or reported in <paramref name="unsupported"/> when it is given.
    /// </summary>
    internal static List<ImageEntry> FindImages(string root, IReadOnlyList<string> classes, List<SkippedImage>? unsupported)
    {
        var entries = new List<ImageEntry>();
        for (var label = 0; label < classes.Count; label++)
        {
            var folder = Path.Combine(root, classes[label]);
            var files = FolderAccess.List(folder, "Class folder", f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal);
            var count = 0;
            foreach (var file in files)
            {
                var extension = Path.GetExtension(file);
                if (ImageDecoder.SupportedExtensions.Contains(extension))
                {
                    entries.Add(new ImageEntry(file, label));
                    count++;
                }
                else if (UnsupportedImageExtensions.Contains(extension))
                {
                    var reason = $"unsupported image format '{extension}' (supported: {string.Join(", ", ImageDecoder.SupportedExtensions)})";
                    if (unsupported is null) throw new ImageFolderException(file, $"Cannot load image '{file}': {reason}.");
                    unsupported.Add(new SkippedImage(file, reason));
                }
            }
            if (count == 0)
            {
                throw new ImageFolderException(folder,
                    $"Class folder '{folder}' contains no images (looked for {string.Join(", ", ImageDecoder.SupportedExtensions)}).");
            }
        }
        return entries;
    }
}
