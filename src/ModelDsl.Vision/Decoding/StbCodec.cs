using StbImageSharp;

namespace ModelDsl.Vision;

/// <summary>
/// PNG, BMP and GIF (first frame) through StbImageSharp, a managed port of stb_image. These formats are
/// lossless, so the pixels equal Pillow's exactly (checked against the committed fixtures).
/// </summary>
internal static class StbCodec
{
    internal static unsafe ImageInfo ReadInfo(ReadOnlySpan<byte> data, string source)
    {
        fixed (byte* p = data)
        {
            using var stream = new UnmanagedMemoryStream(p, data.Length);
            var info = Guard(() => StbImageSharp.ImageInfo.FromStream(stream), source)
                ?? throw new ImageDecodeException(source, "cannot decode image header: corrupt or unsupported variant");
            return new ImageInfo(info.Width, info.Height, (int)info.ColorComponents);
        }
    }

    /// <summary>Decodes to RGB when <paramref name="rgb"/> (alpha dropped, grey replicated, as Pillow's convert("RGB")), else to the stored channels.</summary>
    internal static unsafe DecodedImage Decode(ReadOnlySpan<byte> data, bool rgb, string source)
    {
        fixed (byte* p = data)
        {
            using var stream = new UnmanagedMemoryStream(p, data.Length);
            var image = Guard(() => ImageResult.FromStream(stream, rgb ? ColorComponents.RedGreenBlue : ColorComponents.Default), source);
            var channels = (int)image.Comp;
            if (image.Data is null || image.Data.LongLength != (long)image.Width * image.Height * channels)
            {
                throw new ImageDecodeException(source, "cannot decode image: the decoder returned no pixels");
            }
            return new DecodedImage(image.Data, image.Width, image.Height, channels);
        }
    }

    // stb reports a bad file by throwing a plain Exception with its failure reason; a corrupt stream can also
    // surface as an index or arithmetic error. All of them are a bad file, named.
    private static T Guard<T>(Func<T> decode, string source)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or ImageDecodeException))
        {
            throw new ImageDecodeException(source, $"cannot decode image: {e.Message}", e);
        }
    }
}
