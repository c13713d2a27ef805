namespace ModelDsl.Vision;

/// <summary>
/// Resizes 8-bit interleaved images exactly as Pillow's <c>Image.resize</c> (libImaging/Resample.c), the resize
/// torchvision's <c>Resize</c> on PIL images and Keras's <c>load_img</c> call, so a model fed here sees the pixels it
/// would see in PyTorch or Keras.
/// </summary>
/// <remarks>
/// BILINEAR is Pillow's separable triangle filter, widened by the scale when shrinking (antialiased), in two
/// passes (horizontal first, each only when its size changes) with 8-bit fixed-point coefficients of 22
/// fraction bits and the intermediate rounded to 8 bits. NEAREST takes the source pixel under each output
/// pixel's centre.
/// </remarks>
internal static class PillowResampler
{
    // Pillow's PRECISION_BITS: 32 - 8 bits of pixel - 2 bits of headroom.
    private const int PrecisionBits = 32 - 8 - 2;

    internal static DecodedImage Resize(DecodedImage image, ImageSize size, Interpolation interpolation)
    {
        var (sw, sh, c) = (image.Width, image.Height, image.Channels);
        var (dw, dh) = (size.Width, size.Height);
        if (sw == dw && sh == dh) return image;
        if (interpolation == Interpolation.Nearest) return new DecodedImage(Nearest(image.Pixels, sw, sh, c, dw, dh), dw, dh, c);
        var pixels = image.Pixels;
        if (sw != dw) pixels = Horizontal(pixels, sw, sh, c, dw);
        if (sh != dh) pixels = Vertical(pixels, sh, dw, c, dh);
        return new DecodedImage(pixels, dw, dh, c);
    }

    /// <summary>For each output index: the first source index, how many sources contribute, and their integer weights.</summary>
    private sealed record Coefficients(int KernelSize, int[] First, int[] Count, int[] Weights);

    private static Coefficients Precompute(int inSize, int outSize)
    {
        var scale = (double)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = 1.0 * filterScale;   // the bilinear filter's support is 1, widened when shrinking
        var kernelSize = (int)Math.Ceiling(support) * 2 + 1;
        var first = new int[outSize];
        var count = new int[outSize];
        var weights = new int[outSize * kernelSize];
        var k = new double[kernelSize];
        for (var xx = 0; xx < outSize; xx++)
        {
            var center = (xx + 0.5) * scale;
            var xmin = Math.Max((int)(center - support + 0.5), 0);
            var xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            double total = 0;
            for (var x = 0; x < xmax; x++)
            {
                k[x] = Triangle((x + xmin - center + 0.5) / filterScale);
                total += k[x];
            }
            for (var x = 0; x < xmax; x++)
            {
                var w = total != 0 ? k[x] / total : k[x];
                // Round half away from zero, as Pillow's normalize_coeffs_8bpc does.
                weights[xx * kernelSize + x] = (int)(w < 0 ? -0.5 + w * (1 << PrecisionBits) : 0.5 + w * (1 << PrecisionBits));
            }
            first[xx] = xmin;
            count[xx] = xmax;
        }
        return new Coefficients(kernelSize, first, count, weights);
    }

    private static double Triangle(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    // Bilinear weights are non-negative and sum to 2^22, so 255 * 2^22 plus the rounding term fits an int (as in Pillow's 8bpc path).
    private static byte Clip8(int accumulated) => (byte)Math.Clamp(accumulated >> PrecisionBits, 0, 255);

    private static unsafe byte[] Horizontal(byte[] src, int sw, int rows, int channels, int dw)
    {
        var c = Precompute(sw, dw);
        var dst = new byte[(long)dw * rows * channels];
        fixed (byte* source = src, destination = dst)
        fixed (int* weights = c.Weights)
        {
            for (var y = 0; y < rows; y++)
            {
                var inRow = source + (long)y * sw * channels;
                var outRow = destination + (long)y * dw * channels;
                for (var xx = 0; xx < dw; xx++)
                {
                    var k = weights + xx * c.KernelSize;
                    var first = inRow + c.First[xx] * channels;
                    var count = c.Count[xx];
                    var output = outRow + xx * channels;
                    if (channels == 3)
                    {
                        int r = 1 << (PrecisionBits - 1), g = r, b = r;
                        for (var x = 0; x < count; x++)
                        {
                            var p = first + x * 3;
                            r += p[0] * k[x];
                            g += p[1] * k[x];
                            b += p[2] * k[x];
                        }
                        output[0] = Clip8(r);
                        output[1] = Clip8(g);
                        output[2] = Clip8(b);
                        continue;
                    }
                    for (var ch = 0; ch < channels; ch++)
                    {
                        var acc = 1 << (PrecisionBits - 1);
                        for (var x = 0; x < count; x++) acc += first[x * channels + ch] * k[x];
                        output[ch] = Clip8(acc);
                    }
                }
            }
        }
        return dst;
    }

    private static unsafe byte[] Vertical(byte[] src, int sh, int width, int channels, int dh)
    {
        var c = Precompute(sh, dh);
        var stride = width * channels;
        var dst = new byte[(long)stride * dh];
        // Whole rows at a time: each tap adds a contiguous source row, so the inner loop streams memory.
        var acc = new int[stride];
        fixed (byte* source = src, destination = dst)
        fixed (int* sums = acc)
        {
            for (var yy = 0; yy < dh; yy++)
            {
                Array.Fill(acc, 1 << (PrecisionBits - 1));
                var kernel = yy * c.KernelSize;
                for (var y = 0; y < c.Count[yy]; y++)
                {
                    var w = c.Weights[kernel + y];
                    var row = source + (long)(c.First[yy] + y) * stride;
                    for (var i = 0; i < stride; i++) sums[i] += row[i] * w;
                }
                var outRow = destination + (long)yy * stride;
                for (var i = 0; i < stride; i++) outRow[i] = Clip8(sums[i]);
            }
        }
        return dst;
    }

    private static byte[] Nearest(byte[] src, int sw, int sh, int channels, int dw, int dh)
    {
        var dst = new byte[(long)dw * dh * channels];
        double sx = (double)sw / dw, sy = (double)sh / dh;
        for (var y = 0; y < dh; y++)
        {
            var iy = Math.Min((int)((y + 0.5) * sy), sh - 1);
            for (var x = 0; x < dw; x++)
            {
                var ix = Math.Min((int)((x + 0.5) * sx), sw - 1);
                Array.Copy(src, ((long)iy * sw + ix) * channels, dst, ((long)y * dw + x) * channels, channels);
            }
        }
        return dst;
    }
}
