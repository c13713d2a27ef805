namespace ModelDsl.Torch.Tests;

public class TensorDisposeScopeTests
{
    [Fact]
    public void OperatorResultsAndIntermediatesAreTrackedAndDisposed()
    {
        Tensor a, sum;
        using (var scope = DisposeScope.Begin())
        {
            a = Tensor.Ones(3);
            sum = (a * 2.0 + a).Sum(); // a, a*2, a*2+a, sum
            Assert.Equal(4, scope.Count);
            Assert.True(scope.Owns(sum));
        }
        Assert.True(a.IsClosed);
        Assert.True(sum.IsClosed);
    }

    [Fact]
    public void NestedScopesOwnTheirOwnAndMoveToOuterHandsOver()
    {
        using var outer = DisposeScope.Begin();
        var kept = Tensor.Zeros(1);
        Tensor survivor, dropped;
        using (var inner = DisposeScope.Begin())
        {
            Assert.Same(inner, DisposeScope.Current);
            survivor = inner.MoveToOuter(Tensor.Ones(2) * 3.0);
            dropped = Tensor.Ones(2);
            Assert.True(outer.Owns(survivor));
            Assert.False(outer.Owns(dropped));
        }
        Assert.Same(outer, DisposeScope.Current);
        Assert.False(survivor.IsClosed);
        Assert.True(dropped.IsClosed);
        Assert.Equal([3f, 3f], survivor.ToArray<float>());
        Assert.Equal(2, outer.Count); // kept and survivor
        Assert.False(kept.IsClosed);
    }

    [Fact]
    public void MoveToOuterOfTheOutermostScopeLeavesTheTensorUnowned()
    {
        Tensor free;
        using (var scope = DisposeScope.Begin())
        {
            free = Tensor.Ones(1).MoveToOuterScope();
            Assert.Equal(0, scope.Count);
        }
        Assert.False(free.IsClosed);
        free.Dispose();
    }

    [Fact]
    public void DetachedTensorsAndHandDisposedTensorsLeaveTheScope()
    {
        Tensor mine;
        using (var scope = DisposeScope.Begin())
        {
            mine = Tensor.Ones(1).DetachFromScope();
            var temp = Tensor.Ones(1);
            temp.Dispose();
            Assert.Equal(0, scope.Count);
        }
        Assert.False(mine.IsClosed);
        mine.Dispose();
    }

    [Fact]
    public void ScopesMustEndInReverseOrder()
    {
        var outer = DisposeScope.Begin();
        var inner = DisposeScope.Begin();
        Assert.Throws<InvalidOperationException>(outer.Dispose);
        inner.Dispose();
        outer.Dispose();
        Assert.Null(DisposeScope.Current);
    }

    [Fact]
    public void ScopesArePerThread()
    {
        using var scope = DisposeScope.Begin();
        Tensor? fromOtherThread = null;
        var thread = new Thread(() => fromOtherThread = Tensor.Ones(1));
        thread.Start();
        thread.Join();
        Assert.Equal(0, scope.Count);
        Assert.False(fromOtherThread!.IsClosed);
        fromOtherThread.Dispose();
    }
}
