namespace ModelDsl.Vision;

/// <summary>What an image file's header says.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Channels">Channels stored in the file (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA).</param>
public readonly record struct ImageInfo(int Width, int Height, int Channels);
