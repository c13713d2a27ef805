using ModelDsl.Torch.Nn;
using F = ModelDsl.Torch.Nn.Functional;

namespace ModelDsl.Torch.Tests;

/// <summary>Shape mistakes surface as managed <see cref="TorchException"/>s naming the op and both shapes; the process survives.</summary>
public class NnShapeErrorTests
{
    [Fact]
    public void Conv2dOnA3DTensorNamesOpAndShape()
    {
        using var scope = DisposeScope.Begin();
        using var conv = new Conv2d(3, 8, 3);
        var e = Assert.Throws<TorchException>(() => conv.Forward(Tensor.Zeros(3, 28, 28)));
        Assert.Equal("conv2d", e.Op);
        Assert.Contains("4-D input [N, C, H, W] but got shape [3, 28, 28]", e.Message);
    }

    [Fact]
    public void Conv2dWithWrongChannelsNamesBothShapes()
    {
        using var scope = DisposeScope.Begin();
        using var conv = new Conv2d(3, 8, 3);
        var e = Assert.Throws<TorchException>(() => conv.Forward(Tensor.Zeros(2, 1, 28, 28)));
        Assert.Contains("expects input with 3 channels (weight [8, 3, 3, 3], groups 1) but got input [2, 1, 28, 28]", e.Message);
    }

    [Fact]
    public void LinearWithWrongInFeaturesNamesBothShapes()
    {
        using var scope = DisposeScope.Begin();
        using var linear = new Linear(576, 64);
        var e = Assert.Throws<TorchException>(() => linear.Forward(Tensor.Zeros(4, 1600)));
        Assert.Equal("linear", e.Op);
        Assert.Contains("expects input [..., 576] (weight [64, 576]) but got input [4, 1600]", e.Message);
    }

    [Fact]
    public void PoolingTooLargeForTheInputIsAManagedError()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => F.MaxPool2d(Tensor.Zeros(1, 1, 2, 2), 3));
        Assert.Equal("max_pool2d", e.Op);
        Assert.Contains("too small", e.Message);
        Assert.Throws<TorchException>(() => F.MaxPool2d(Tensor.Zeros(1, 2, 2), 2));
    }

    [Fact]
    public void LossTargetsThatDoNotMatchAreNamed()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => F.CrossEntropy(Tensor.Zeros(4, 10), Tensor.Zeros([3], DType.Int64)));
        Assert.Contains("targets [3] (class indices) do not match scores [4, 10]", e.Message);
        var m = Assert.Throws<TorchException>(() => F.MseLoss(Tensor.Zeros(4, 10), Tensor.Zeros(4, 1)));
        Assert.Contains("target [4, 1] does not match input [4, 10]", m.Message);
    }

    [Fact]
    public void BatchNormWithWrongChannelsOrRankIsNamed()
    {
        using var scope = DisposeScope.Begin();
        using var bn = new BatchNorm2d(4);
        var e = Assert.Throws<TorchException>(() => bn.Forward(Tensor.Zeros(2, 3, 5, 5)));
        Assert.Contains("expects 4 channels but got input [2, 3, 5, 5]", e.Message);
        var r = Assert.Throws<TorchException>(() => bn.Forward(Tensor.Zeros(2, 4)));
        Assert.Contains("expects a 4-D input but got shape [2, 4]", r.Message);
    }

    [Fact]
    public void InvalidLayerArgumentsAreRejectedAtConstruction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2d(3, 8, 3, groups: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2d(3, 8, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Padding2d.Explicit(-1, 0, 0, 0));
    }
}
