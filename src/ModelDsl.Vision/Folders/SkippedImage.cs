namespace ModelDsl.Vision;

/// <summary>A file left out of an image folder dataset because it could not be decoded.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record SkippedImage(string Path, string Reason);
