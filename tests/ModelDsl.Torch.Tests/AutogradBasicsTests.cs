namespace ModelDsl.Torch.Tests;

public class AutogradBasicsTests
{
    [Fact]
    public void InPlaceUpdatesUnderNoGradActOnParameters()
    {
        using var scope = DisposeScope.Begin();
        var p = Tensor.FromArray([1f, 2f], 2).RequiresGrad_();
        Assert.True(p.RequiresGrad);
        Assert.True(p.IsLeaf);
        Assert.Null(p.Grad);
        var g = Tensor.FromArray([10f, 20f], 2);
        using (NoGradScope.Begin())
        {
            Assert.False(NoGradScope.IsGradEnabled);
            p.Add_(g, alpha: -0.1).MulScalar_(2).Add_(Tensor.FromArray([2f, 4f], 2), alpha: 0.2);
        }
        Assert.True(NoGradScope.IsGradEnabled);
        Assert.Equal([0.4f, 0.8f], p.ToArray<float>(), new FloatTolerance(1e-6f));
        Assert.True(p.RequiresGrad);
        // As in PyTorch, an in-place write to a leaf that requires grad is refused outside no-grad.
        var e = Assert.Throws<TorchException>(() => p.CopyFrom(Tensor.FromArray([3f, 4f], 2)));
        Assert.Contains("copy_", e.Message);
        Assert.Contains("leaf", e.Message);
    }
}
