using static TorchSharp.torch;

namespace ModelDsl.Kernels.Tests.Support;

/// <summary>Bit-for-bit tensor comparison (NaN payloads and the sign of zero included).</summary>
internal static class Bitwise
{
    public static void Equal(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.Equal(expected.dtype, actual.dtype);
        using var e = expected.contiguous();
        using var a = actual.contiguous();
        var left = e.data<float>().ToArray();
        var right = a.data<float>().ToArray();
        for (var i = 0; i < left.Length; i++)
        {
            int l = BitConverter.SingleToInt32Bits(left[i]), r = BitConverter.SingleToInt32Bits(right[i]);
            if (l != r)
            {
                Assert.Fail($"{what} differs at flat index {i} of {left.Length}: expected {left[i]} (0x{l:X8}), got {right[i]} (0x{r:X8}).");
            }
        }
    }
}
