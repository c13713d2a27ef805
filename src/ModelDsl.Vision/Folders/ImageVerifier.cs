namespace ModelDsl.Vision;

/// <summary>Decodes every image once, in parallel, to find those that cannot be read.</summary>
internal static class ImageVerifier
{
    internal static List<ImageEntry> KeepDecodable(List<ImageEntry> entries, ImageFolderOptions options, List<SkippedImage> skipped)
    {
        var failures = new string?[entries.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.DecodeThreads) };
        // A tiny target keeps verification cheap: decoding is the check, the pixels are thrown away.
        var probe = new ImageSize(1, 1);
        Parallel.For(0, entries.Count, parallel, () => new float[options.ColorMode.Channels()], (i, _, pixels) =>
        {
            try
            {
                var path = entries[i].Path;
                ImageDecoder.DecodeInto(ImageDecoder.ReadFile(path), options.ColorMode, probe, Interpolation.Nearest, pixels, path);
            }
            catch (ImageDecodeException e)
            {
                failures[i] = e.Reason;
            }
            return pixels;
        }, _ => { });

        var kept = new List<ImageEntry>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (failures[i] is { } reason) skipped.Add(new SkippedImage(entries[i].Path, reason));
            else kept.Add(entries[i]);
        }
        return kept;
    }
}
