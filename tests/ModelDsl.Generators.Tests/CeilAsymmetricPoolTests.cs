using static TorchSharp.torch;

namespace ModelDsl.Generators.Tests;

/// <summary>
/// Pooling with <c>ceil_mode</c> and asymmetric explicit pads (Specs/NewLayers.mdsl: top 0, bottom 2, left 1, right 2,
/// 2x2 windows, stride 2, 7x9 input). PyTorch has no asymmetric pooling pads; its <c>pooling_output_shape</c> rule,
/// applied to the real input with its leading pad, keeps windows that start inside them: 4x5 here. The generated code
/// pads first, so the pool alone would also keep the windows starting in the trailing pad (5x6); it must cut them.
/// The reference is a loop over the IR's windows, each reduced over the part inside the padded extent.
/// </summary>
public class CeilAsymmetricPoolTests
{
    private const int Top = 0, Bottom = 2, Left = 1, Right = 2, Kernel = 2, Stride = 2;

    [Fact]
    public void MaxPoolHasTheIrsShapeAndWindows()
    {
        Assert.Equal(new long[] { 2, 4, 5 }, CeilAsymmetricMax.OutputShape);
        using var model = new CeilAsymmetricMax();
        Check(model.forward, CeilAsymmetricMax.OutputShape, max: true);
    }

    [Fact]
    public void AvgPoolHasTheIrsShapeAndWindows()
    {
        Assert.Equal(new long[] { 2, 4, 5 }, CeilAsymmetricAvg.OutputShape);
        using var model = new CeilAsymmetricAvg();
        Check(model.forward, CeilAsymmetricAvg.OutputShape, max: false);
    }

    private static void Check(Func<Tensor, Tensor> forward, IReadOnlyList<long> shape, bool max)
    {
        using var scope = NewDisposeScope();
        using var generator = new TorchSharp.torch.Generator(7);
        var x = randn([3, 2, 7, 9], generator: generator);
        var y = forward(x);
        Assert.Equal(new long[] { 3 }.Concat(shape).ToArray(), y.shape);
        var input = x.data<float>().ToArray();
        var output = y.data<float>().ToArray();
        const int h = 7, w = 9;
        var (oh, ow) = ((int)shape[1], (int)shape[2]);
        for (var n = 0; n < 3; n++)
        for (var c = 0; c < 2; c++)
        for (var i = 0; i < oh; i++)
        for (var j = 0; j < ow; j++)
        {
            // The window in padded coordinates, clipped to the padded extent (what ceil mode does at the far edge).
            var r0 = i * Stride; var r1 = Math.Min(r0 + Kernel, Top + h + Bottom);
            var c0 = j * Stride; var c1 = Math.Min(c0 + Kernel, Left + w + Right);
            var best = float.NegativeInfinity; var sum = 0.0; var count = 0;
            for (var r = r0; r < r1; r++)
            for (var q = c0; q < c1; q++)
            {
                var (ri, ci) = (r - Top, q - Left);
                var inside = ri >= 0 && ri < h && ci >= 0 && ci < w;
                var v = inside ? input[((n * 2 + c) * h + ri) * w + ci] : 0f; // max pads with -inf: never the maximum
                if (inside) best = Math.Max(best, v);
                sum += v;
                count++;
            }
            var expected = max ? best : (float)(sum / count);
            var actual = output[((n * 2 + c) * oh + i) * ow + j];
            // A maximum is one of the inputs; an average may differ from the double-precision reference by rounding
            // (comparing digits rounded to 5 places failed when a value sat on a rounding boundary).
            if (max) Assert.Equal(expected, actual);
            else Assert.True(Math.Abs(expected - actual) <= 1e-6f, $"window ({n},{c},{i},{j}): expected {expected}, got {actual}");
        }
    }
}
