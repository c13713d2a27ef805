namespace ModelDsl.Torch.Tests;

/// <summary>
/// Every op code of the shared unary/binary/reduce exports, on values whose results are known by hand,
/// so a C#/C++ code table out of step shows here even for ops the PyTorch fixtures do not cover.
/// </summary>
public class TensorOpCodeTests
{
    private static Tensor V(params float[] v) => Tensor.FromArray(v, v.Length);

    private static Tensor B(params bool[] v) => Tensor.FromArray(v, v.Length);

    [Fact]
    public void UnaryCodes()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal([-1f, 0f, 1f], V(-2, 0, 3).Sign().ToArray<float>());
        Assert.Equal([-2f, 1f], V(-1.5f, 1.5f).Floor().ToArray<float>());
        Assert.Equal([-1f, 2f], V(-1.5f, 1.5f).Ceil().ToArray<float>());
        Assert.Equal([2f, 4f, -2f], V(2.5f, 3.5f, -2.5f).Round().ToArray<float>()); // half to even
        Assert.Equal([0.5f, 0.25f], V(4, 16).Rsqrt().ToArray<float>());
        Assert.Equal([0f], V(0).Log1p().ToArray<float>());
        Assert.Equal([0.5f, -0.25f], V(2, -4).Reciprocal().ToArray<float>());
        Assert.Equal([false, true], B(true, false).LogicalNot().ToArray<bool>());
        Assert.Equal([0f, 1f], V(0, 1).Exp().Log().Round().ToArray<float>());
        Assert.Equal([3f, 2f], V(-3, 4).Abs().Sqrt().Square().Round().Minimum(V(3, 2)).ToArray<float>());
    }

    [Fact]
    public void BinaryCodes()
    {
        using var scope = DisposeScope.Begin();
        var a = V(1, 2, 3);
        var b = V(3, 2, 1);
        Assert.Equal([true, false, true], a.Ne(b).ToArray<bool>());
        Assert.Equal([true, false, false], a.Lt(b).ToArray<bool>());
        Assert.Equal([false, true, true], a.Ge(b).ToArray<bool>());
        Assert.Equal([false, true, false], a.Eq(2).ToArray<bool>());
        Assert.Equal([true, true, false], a.Lt(2.5).ToArray<bool>());
        Assert.Equal([1f, 2f, 1f], a.Minimum(b).ToArray<float>());
        Assert.Equal([3f, 2f, 3f], a.Maximum(b).ToArray<float>());
        Assert.Equal([false, true], B(true, false).LogicalAnd(B(false, false)).LogicalOr(B(false, true)).ToArray<bool>());
        Assert.Equal([1f, 4f, 9f], a.Pow(V(2, 2, 2)).ToArray<float>());
        Assert.Equal([9f, 8f, 7f], (10.0 - a).ToArray<float>());
        Assert.Equal([6f, 3f, 2f], (6.0 / a).ToArray<float>());
    }

    [Fact]
    public void IntegerScalarsKeepTheIntegerDtypeAndFloatScalarsPromote()
    {
        using var scope = DisposeScope.Begin();
        var n = Tensor.FromArray([1L, 2L], 2);
        Assert.Equal(DType.Int64, (n + 1).DType);
        Assert.Equal([9L, 8L], (10 - n).ToArray<long>());
        Assert.Equal(DType.Float32, (n * 0.5).DType);
        Assert.Equal([0.5f, 1f], (n * 0.5).ToArray<float>());
        Assert.Equal(DType.Float32, (n / 2).DType); // true division, as PyTorch
        Assert.Equal(DType.Float32, (V(1) * 2.0).DType); // a double scalar keeps float32
    }

    [Fact]
    public void ReductionCodes()
    {
        using var scope = DisposeScope.Begin();
        var m = Tensor.FromArray([1f, 5f, 2f, 4f, 3f, 6f], 2, 3);
        Assert.Equal(720f, m.Prod().Item<float>());
        Assert.Equal(5L, m.Argmax().Item<long>());
        Assert.Equal(0L, m.Argmin().Item<long>());
        Assert.Equal([0L, 1L], m.Argmin(1).ToArray<long>());
        Assert.Equal([1f, 3f, 2f], m.Min(0).ToArray<float>());
        Assert.False(m.Gt(1).All().Item<bool>());
        Assert.True(m.Gt(5).Any().Item<bool>());
        Assert.Equal(new long[] { 2, 1 }, m.Max(1, keepDim: true).Shape);
        Assert.Equal(35.0 / 12, m.Var(unbiased: false).ToScalar(), 5); // variance of 1..6
    }
}
