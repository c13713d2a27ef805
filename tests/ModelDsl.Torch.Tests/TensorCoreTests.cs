using ModelDsl.Torch;

namespace ModelDsl.Torch.Tests;

public class TensorCoreTests
{
    [Fact]
    public void FromArrayKeepsShape()
    {
        using var t = Tensor.FromArray([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        Assert.Equal(new long[] { 2, 3 }, t.Shape);
    }

    [Fact]
    public void WrongElementCountIsAManagedError()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray([1f, 2f, 3f], 2, 2));
        Assert.Contains("needs 4 elements but 3", e.Message);
    }

    [Fact]
    public void DisposeScopeReleasesWhatItOwns()
    {
        Tensor inner;
        using (var scope = DisposeScope.Begin())
        {
            inner = Tensor.FromArray([1f], 1);
            Assert.Equal(1, scope.Count);
        }
        Assert.True(inner.IsClosed);
    }
}
