namespace ModelDsl.Torch.Tests;

/// <summary>Runtime shape mismatches surface as managed exceptions naming the op and the shapes; the process goes on.</summary>
public class TensorErrorTests
{
    [Fact]
    public void MatmulOfIncompatibleShapesNamesOpAndBothShapes()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => Tensor.Zeros(2, 3).Matmul(Tensor.Zeros(4, 5)));
        Assert.Equal("matmul", e.Op);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4, 5]", e.Message);
        var batched = Assert.Throws<TorchException>(() => Tensor.Zeros(7, 2, 3).Matmul(Tensor.Zeros(7, 4, 5)));
        Assert.Contains("matmul on shapes [7, 2, 3] and [7, 4, 5]", batched.Message);
    }

    [Fact]
    public void ReshapeToAWrongCountNamesTheShapes()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => Tensor.Zeros(2, 3).Reshape(4, -1, 5));
        Assert.StartsWith("reshape on input of shape [2, 3] to [4, -1, 5]", e.Message);
    }

    [Fact]
    public void CatOfMismatchedShapesNamesEveryShape()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => Tensor.Cat([Tensor.Zeros(2, 3), Tensor.Zeros(2, 4)], 0));
        Assert.StartsWith("cat on shapes [2, 3], [2, 4] along dim 0", e.Message);
        Assert.Contains("Sizes of tensors must match", e.Message);
    }

    [Fact]
    public void BroadcastFailureAndBadDimsAreManaged()
    {
        using var scope = DisposeScope.Begin();
        Assert.Contains("add on shapes [3] and [4]", Assert.Throws<TorchException>(() => Tensor.Zeros(3) + Tensor.Zeros(4)).Message);
        Assert.Contains("sum on input of shape [2, 3] over dims [5]", Assert.Throws<TorchException>(() => Tensor.Zeros(2, 3).Sum(5)).Message);
        Assert.Contains("index_select", Assert.Throws<TorchException>(() => Tensor.Zeros(2, 3).IndexSelect(1, Tensor.FromArray([9L], 1))).Message);
        Assert.Throws<TorchException>(() => Tensor.Zeros(2, 3).Transpose(0, 4));
        Assert.Throws<TorchException>(() => Tensor.Zeros(2).Backward()); // backward of a non-scalar without a gradient
    }

    [Fact]
    public void ThousandsOfFailuresLeaveTheProcessWorking()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.Zeros(2, 3);
        var b = Tensor.Zeros(4, 5);
        for (var i = 0; i < 2000; i++) Assert.Throws<TorchException>(() => a.Mm(b));
        Assert.Equal(new long[] { 2, 2 }, a.Matmul(a.T()).Shape);
    }

    [Fact]
    public void UsingADisposedTensorIsObjectDisposedNotACrash()
    {
        var t = Tensor.Ones(2);
        t.Dispose();
        Assert.Throws<ObjectDisposedException>(() => t.Sum());
        Assert.Throws<ObjectDisposedException>(() => t + 1.0);
        Assert.Throws<ObjectDisposedException>(() => t.ToArray<float>());
        using var live = Tensor.Ones(2);
        Assert.Throws<ObjectDisposedException>(() => live + t);
        Assert.Equal("Tensor(disposed)", t.ToString());
        t.Dispose(); // twice is harmless
    }
}
