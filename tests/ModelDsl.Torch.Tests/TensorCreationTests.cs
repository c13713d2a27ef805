namespace ModelDsl.Torch.Tests;

public class TensorCreationTests
{
    [Fact]
    public void FactoriesHaveTheAskedShapeDtypeAndValues()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal(new float[6], Tensor.Zeros(2, 3).ToArray<float>());
        Assert.Equal([1.0, 1.0], Tensor.Ones([2], DType.Float64).ToArray<double>());
        Assert.Equal([7L, 7L, 7L, 7L], Tensor.Full([2, 2], 7, DType.Int64).ToArray<long>());
        Assert.Equal([0L, 1L, 2L, 3L], Tensor.Arange(4).ToArray<long>());
        Assert.Equal([0.5f, 1.0f, 1.5f], Tensor.Arange(0.5, 2, 0.5).ToArray<float>());
        Assert.Equal(DType.Float64, Tensor.Zeros([1], DType.Float64).DType);
        Assert.Equal(new long[] { 4, 5 }, Tensor.Randn(4, 5).Shape);
        Assert.Equal(0, Tensor.Scalar(3).Dim);
    }

    [Fact]
    public void ArraysOfEverySupportedTypeRoundTrip()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal([1.5, -2.25], Tensor.FromArray([1.5, -2.25], 2).ToArray<double>());
        Assert.Equal([long.MaxValue, -1L], Tensor.FromArray([long.MaxValue, -1L], 2).ToArray<long>());
        Assert.Equal([1, -7], Tensor.FromArray([1, -7], 2).ToArray<int>());
        Assert.Equal(new byte[] { 0, 255, 3 }, Tensor.FromArray(new byte[] { 0, 255, 3 }, 3).ToArray<byte>());
        Assert.Equal([true, false, true], Tensor.FromArray([true, false, true], 3).ToArray<bool>());
        var bool2 = Tensor.FromArray([true, false, true, true], 2, 2);
        Assert.Equal(DType.Bool, bool2.DType);
    }

    [Fact]
    public void FromBytesReadsLittleEndianElementsAndChecksTheLength()
    {
        using var scope = DisposeScope.Begin();
        var bytes = BitConverter.GetBytes(2.5f).Concat(BitConverter.GetBytes(-1f)).ToArray();
        var t = Tensor.FromBytes(bytes, DType.Float32, [2, 1]);
        Assert.Equal([2.5f, -1f], t.ToArray<float>());
        Assert.Equal(bytes, t.ToBytes());
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromBytes(bytes, DType.Float64, [2]));
        Assert.Contains("needs 16 bytes but 8", e.Message);
    }

    [Fact]
    public void ItemAndScalarReadOneElement()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal(3.5f, Tensor.FromArray([3.5f], 1, 1).Item<float>());
        Assert.Equal(9.0, Tensor.Full([], 9, DType.Int64).ToScalar());
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2).ToScalar());
        Assert.Contains("[2]", e.Message);
        var wrongType = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(1).Item<double>());
        Assert.Contains("Float32", wrongType.Message);
    }

    [Fact]
    public void ConversionsCloneAndToStringBehave()
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.FromArray([1.7f, -2.2f], 2);
        Assert.Equal([1L, -2L], t.To(DType.Int64).ToArray<long>());
        Assert.Equal([1f, -2f], t.To(DType.Int64).ToFloatArray());
        var c = t.Clone();
        c.Fill_(0);
        Assert.Equal([1.7f, -2.2f], t.ToArray<float>());
        Assert.Equal("Tensor[2] Float32", t.ToString());
        Assert.Equal(Device.Cpu with { Index = -1 }, t.Device);
        Assert.True(t.Contiguous().IsContiguous);
    }

    [Fact]
    public void EmptyShapeIsZeroDimensionalAndSizesAreCounted()
    {
        using var scalar = Tensor.FromArray([5L]);
        Assert.Equal(0, scalar.Dim);
        Assert.Equal(5L, scalar.Item<long>());
        using var t = Tensor.FromArray([1f, 2f, 3f], 3);
        Assert.Equal(new long[] { 3 }, t.Shape);
        Assert.Equal(3, t.Numel);
        Assert.Equal(3, t.Size(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Size(1));
    }

    [Fact]
    public void NegativeShapeIsAManagedError()
    {
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, -1));
    }
}
