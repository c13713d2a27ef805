namespace ModelDsl.Vision;

/// <summary>Channel conversions as Pillow's <c>convert("RGB")</c> and <c>convert("L")</c> do them.</summary>
internal static class PixelConversion
{
    /// <summary>Converts interleaved pixels to exactly <paramref name="channels"/> (1 or 3) channels.</summary>
    internal static DecodedImage ToChannels(DecodedImage image, int channels)
    {
        if (image.Channels == channels) return image;
        var count = (long)image.Width * image.Height;
        var source = image.Pixels;
        var stored = image.Channels;
        var output = new byte[count * channels];
        if (channels == 1)
        {
            for (long i = 0; i < count; i++) output[i] = Luma(source, i * stored, stored);
        }
        else
        {
            // Grey (with or without alpha) replicated; RGBA's alpha dropped, never premultiplied.
            for (long i = 0; i < count; i++)
            {
                var at = i * stored;
                var grey = stored < 3;
                output[i * 3] = source[at];
                output[i * 3 + 1] = grey ? source[at] : source[at + 1];
                output[i * 3 + 2] = grey ? source[at] : source[at + 2];
            }
        }
        return new DecodedImage(output, image.Width, image.Height, channels);
    }

    // ITU-R 601-2 luma in Pillow's 16-bit fixed point, rounded: L = (R*19595 + G*38470 + B*7471 + 0x8000) >> 16.
    private static byte Luma(byte[] pixels, long at, int stored) => stored < 3
        ? pixels[at]
        : (byte)((pixels[at] * 19595 + pixels[at + 1] * 38470 + pixels[at + 2] * 7471 + 0x8000) >> 16);
}
