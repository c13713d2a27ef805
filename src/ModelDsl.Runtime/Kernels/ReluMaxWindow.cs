namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// The exact rule of <c>max_pool2d(relu(x), 2)</c> for one 2x2 window, cell by cell as libtorch computes it. The
/// vector kernels give the same answer for every window without a NaN and use this for the rest and for tails.
/// </summary>
internal static class ReluMaxWindow
{
    /// <summary>libtorch's relu: negative values become +0, while -0.0 and NaN pass unchanged.</summary>
    public static float Relu(float value) => value < 0f ? 0f : value;

    /// <summary>
    /// The pooled value of a window (cells in row-major order) and the index (0..3) of the cell its gradient goes to:
    /// libtorch's scan over the relu'd cells, where the first strictly greater value wins and a NaN always wins.
    /// </summary>
    public static int Winner(float a, float b, float c, float d, out float value)
    {
        value = Relu(a);
        var winner = 0;
        Consider(Relu(b), 1, ref value, ref winner);
        Consider(Relu(c), 2, ref value, ref winner);
        Consider(Relu(d), 3, ref value, ref winner);
        return winner;
    }

    /// <summary>Whether relu's backward lets a gradient through an output: it blocks outputs that are &lt;= 0.</summary>
    public static bool PassesGradient(float value) => !(value <= 0f);

    /// <summary>
    /// The gradient one cell receives: libtorch adds the output gradient to a zero-filled buffer, so -0.0 arrives
    /// as +0.0; the "0f +" keeps that bit-exact.
    /// </summary>
    public static float Routed(float gradient) => 0f + gradient;

    private static void Consider(float cell, int index, ref float value, ref int winner)
    {
        if (cell > value || float.IsNaN(cell))
        {
            value = cell;
            winner = index;
        }
    }
}
