namespace ModelDsl.Vision;

/// <summary>One image of a folder dataset: its file and class index.</summary>
/// <param name="Path">The image file.</param>
/// <param name="Label">Index into the dataset's class names.</param>
public readonly record struct ImageEntry(string Path, int Label);
