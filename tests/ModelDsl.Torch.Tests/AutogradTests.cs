namespace ModelDsl.Torch.Tests;

public class AutogradTests
{
    [Fact]
    public void BackwardWithAnExplicitGradientIsAVectorJacobianProduct()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.FromArray([1f, 2f, 3f], 3).RequiresGrad_();
        var y = x * x; // dy/dx = 2x
        y.Backward(Tensor.FromArray([1f, 0.5f, -1f], 3));
        Assert.Equal([2f, 2f, -6f], x.Grad!.ToArray<float>());
    }

    [Fact]
    public void GradientsAccumulateAcrossBackwardsAndRetainGraphAllowsASecondPass()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.FromArray([2f], 1).RequiresGrad_();
        var y = (x * x * x).Sum(); // 3x² = 12
        y.Backward(retainGraph: true);
        y.Backward();
        Assert.Equal([24f], x.Grad!.ToArray<float>());
        var again = Assert.Throws<TorchException>(() => y.Backward());
        Assert.Contains("second time", again.Message);
        x.Grad = null;
        Assert.Null(x.Grad);
    }

    [Fact]
    public void RetainGradKeepsANonLeafsGradient()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.FromArray([1f, -1f], 2).RequiresGrad_();
        var h = (x * 3.0).RetainGrad();
        Assert.False(h.IsLeaf);
        (h * h).Sum().Backward();
        Assert.Equal([6f, -6f], h.Grad!.ToArray<float>());
        Assert.Equal([18f, -18f], x.Grad!.ToArray<float>());
    }

    [Fact]
    public void DetachAndNoGradCutTheGraph()
    {
        using var scope = DisposeScope.Begin();
        var x = Tensor.FromArray([1f, 2f], 2).RequiresGrad_();
        Assert.False(x.Detach().RequiresGrad);
        Assert.True((x * 2.0).RequiresGrad);
        using (NoGradScope.Begin())
        {
            Assert.False((x * 2.0).RequiresGrad);
            using (NoGradScope.Begin()) { }
            Assert.False(NoGradScope.IsGradEnabled); // the inner scope restored "disabled"
        }
        Assert.True(NoGradScope.IsGradEnabled);
        var y = (x.Detach() * x).Sum();
        y.Backward();
        Assert.Equal([1f, 2f], x.Grad!.ToArray<float>()); // only the non-detached factor contributes
    }

    [Fact]
    public void NoGradIsPerThread()
    {
        using var noGrad = NoGradScope.Begin();
        var otherThreadEnabled = false;
        var thread = new Thread(() => otherThreadEnabled = NoGradScope.IsGradEnabled);
        thread.Start();
        thread.Join();
        Assert.True(otherThreadEnabled);
        Assert.False(NoGradScope.IsGradEnabled);
    }

    [Fact]
    public void IntegerTensorsCannotRequireGrad()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => Tensor.Arange(3).RequiresGrad = true);
        Assert.Contains("floating point", e.Message);
    }
}
