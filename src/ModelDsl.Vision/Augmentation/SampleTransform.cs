namespace ModelDsl.Vision;

/// <summary>The random choices for one image of a batch.</summary>
/// <param name="RotationDegrees">Counter-clockwise rotation of the content, in degrees.</param>
/// <param name="ShiftX">Horizontal shift of the sampling window, in pixels.</param>
/// <param name="ShiftY">Vertical shift of the sampling window, in pixels.</param>
/// <param name="ShearDegrees">Shear angle in degrees.</param>
/// <param name="ZoomX">Horizontal sampling scale: below 1 zooms in, above 1 zooms out (as in Keras).</param>
/// <param name="ZoomY">Vertical sampling scale.</param>
/// <param name="FlipHorizontal">Mirror left-right.</param>
/// <param name="FlipVertical">Mirror top-bottom.</param>
/// <param name="Brightness">Pixel multiplier.</param>
public readonly record struct SampleTransform(
    double RotationDegrees = 0, double ShiftX = 0, double ShiftY = 0, double ShearDegrees = 0,
    double ZoomX = 1, double ZoomY = 1, bool FlipHorizontal = false, bool FlipVertical = false, double Brightness = 1)
{
    /// <summary>
    /// The 2x3 matrix <c>affine_grid</c> takes (output to input, normalised coordinates, align_corners=false),
    /// written row-major into <paramref name="theta"/>.
    /// </summary>
    /// <remarks>
    /// Built in pixel coordinates about the image centre (x right, y down) as rotation · shift · shear · zoom · flip,
    /// Keras's order (flips last), then conjugated by the pixel-to-normalised scaling so rotations stay rigid on
    /// non-square images: theta = S·M·S⁻¹ with S = diag(2/W, 2/H).
    /// </remarks>
    internal void WriteTheta(Span<float> theta, int height, int width)
    {
        var a = RotationDegrees * Math.PI / 180;
        var sh = ShearDegrees * Math.PI / 180;
        double[,] rotation = { { Math.Cos(a), -Math.Sin(a), 0 }, { Math.Sin(a), Math.Cos(a), 0 }, { 0, 0, 1 } };
        double[,] shift = { { 1, 0, ShiftX }, { 0, 1, ShiftY }, { 0, 0, 1 } };
        double[,] shear = { { 1, -Math.Sin(sh), 0 }, { 0, Math.Cos(sh), 0 }, { 0, 0, 1 } };
        double[,] zoom = { { ZoomX, 0, 0 }, { 0, ZoomY, 0 }, { 0, 0, 1 } };
        // Flipping after the affine, as Keras does, is sampling the affine at the mirrored output position.
        double[,] flip = { { FlipHorizontal ? -1 : 1, 0, 0 }, { 0, FlipVertical ? -1 : 1, 0 }, { 0, 0, 1 } };
        var m = Multiply(Multiply(Multiply(Multiply(rotation, shift), shear), zoom), flip);
        double w = width, h = height;
        theta[0] = (float)m[0, 0];
        theta[1] = (float)(m[0, 1] * h / w);
        theta[2] = (float)(m[0, 2] * 2 / w);
        theta[3] = (float)(m[1, 0] * w / h);
        theta[4] = (float)m[1, 1];
        theta[5] = (float)(m[1, 2] * 2 / h);
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var r = new double[3, 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                for (var k = 0; k < 3; k++) r[i, j] += a[i, k] * b[k, j];
            }
        }
        return r;
    }
}
