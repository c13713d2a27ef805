namespace ModelDsl.Transfer;

/// <summary>The top classes predicted for one image file.</summary>
/// <param name="Path">The image file.</param>
/// <param name="Top">Class index, name (null when no names were given) and probability, most probable first.</param>
public sealed record ImagePrediction(string Path, IReadOnlyList<(int Index, string? Name, float Probability)> Top);
