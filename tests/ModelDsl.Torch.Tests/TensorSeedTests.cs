namespace ModelDsl.Torch.Tests;

/// <summary>The seeded global generator: same seed, same draws, equal to PyTorch's (exactly).</summary>
[Collection(TensorProcessStateCollection.Name)]
public class TensorSeedTests
{
    [Fact]
    public void SeededDrawsEqualPyTorchs()
    {
        using var scope = DisposeScope.Begin();
        var fixture = TensorFixture.Load("tensor_ops.json");
        TorchRuntime.ManualSeed(7);
        var rand = Tensor.Rand(5);
        var randn = Tensor.Randn(5);
        TensorParityTests.AssertClose(fixture.Get("seeded", "rand"), rand, 0, 0);
        TensorParityTests.AssertClose(fixture.Get("seeded", "randn"), randn, 0, 0);
    }

    [Fact]
    public void RandomDrawsAreInRangeAndRepeatUnderTheSameSeed()
    {
        using var scope = DisposeScope.Begin();
        TorchRuntime.ManualSeed(42);
        var a = Tensor.Rand(1000).ToArray<float>();
        TorchRuntime.ManualSeed(42);
        var b = Tensor.Rand(1000).ToArray<float>();
        Assert.Equal(a, b);
        Assert.All(a, v => Assert.InRange(v, 0f, 1f));
        var ints = Tensor.RandInt(3, 7, [500]).ToArray<long>();
        Assert.All(ints, v => Assert.InRange(v, 3L, 6L));
    }
}
