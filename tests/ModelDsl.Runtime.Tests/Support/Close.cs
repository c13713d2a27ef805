using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Support;

/// <summary>Element-wise comparisons with a stated tolerance and a message naming the worst element.</summary>
internal static class Close
{
    public static void Assert(float[] expected, Tensor actual, double atol, string what)
    {
        var got = actual.detach().cpu().contiguous().data<float>().ToArray();
        Xunit.Assert.Equal(expected.Length, got.Length);
        var worst = 0;
        var max = 0.0;
        for (var i = 0; i < got.Length; i++)
        {
            var d = Math.Abs(expected[i] - got[i]);
            if (d > max || double.IsNaN(d)) (max, worst) = (double.IsNaN(d) ? double.PositiveInfinity : d, i);
        }
        Xunit.Assert.True(max <= atol, $"{what}: max |difference| {max:E2} > {atol:E0} at element {worst} (expected {expected[worst]}, got {got[worst]}).");
    }

    public static void Assert(Tensor expected, Tensor actual, double atol, string what)
    {
        Xunit.Assert.Equal(expected.shape, actual.shape);
        Assert(expected.detach().cpu().contiguous().data<float>().ToArray(), actual, atol, what);
    }
}
