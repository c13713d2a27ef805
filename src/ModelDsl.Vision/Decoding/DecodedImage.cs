namespace ModelDsl.Vision;

/// <summary>8-bit pixels as decoded, interleaved (height x width x channels).</summary>
/// <param name="Pixels">Row-major interleaved bytes; exactly <c>Width * Height * Channels</c> long.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Channels">1 grey, 2 grey+alpha, 3 RGB or 4 RGBA.</param>
internal sealed record DecodedImage(byte[] Pixels, int Width, int Height, int Channels);
