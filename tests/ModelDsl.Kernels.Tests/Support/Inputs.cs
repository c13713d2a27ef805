using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Kernels.Tests.Support;

/// <summary>Seeded inputs with the awkward values a pooling kernel must get right.</summary>
internal static class Inputs
{
    public static Generator Seeded(int seed) => new Generator((ulong)seed);

    /// <summary>Standard normal values.</summary>
    public static Tensor Normal(long[] shape, int seed)
    {
        using var generator = Seeded(seed);
        return torch.randn(shape, generator: generator);
    }

    /// <summary>Values from {-2, -1, -0.0, +0, 1, 2}: most windows hold ties, many are dead, some have -0.0 first.</summary>
    public static Tensor WithTies(long[] shape, int seed)
    {
        using var generator = Seeded(seed);
        using var integers = torch.randint(-2, 3, shape, generator: generator).to_type(ScalarType.Float32);
        using var coin = torch.rand(shape, generator: generator);
        using var isZero = integers.eq(0f);
        using var heads = coin.lt(0.5f);
        using var negativeZeroAt = isZero.logical_and(heads);
        using var negativeZero = torch.full(shape, -0.0f);
        return torch.where(negativeZeroAt, negativeZero, integers);
    }

    /// <summary>Normal values with a NaN in about <paramref name="fraction"/> of the cells.</summary>
    public static Tensor WithNaN(long[] shape, int seed, double fraction)
    {
        using var generator = Seeded(seed);
        using var values = torch.randn(shape, generator: generator);
        using var coin = torch.rand(shape, generator: generator);
        using var at = coin.lt(fraction);
        using var nan = torch.full(shape, float.NaN);
        return torch.where(at, nan, values);
    }

    /// <summary>Strictly negative values (every window dead), with -inf in some cells.</summary>
    public static Tensor AllNegative(long[] shape, int seed)
    {
        using var generator = Seeded(seed);
        using var values = torch.rand(shape, generator: generator);
        using var negative = values.neg().sub(1e-3f);
        using var coin = torch.rand(shape, generator: generator);
        using var at = coin.lt(0.1f);
        using var infinity = torch.full(shape, float.NegativeInfinity);
        return torch.where(at, infinity, negative);
    }

    /// <summary>An upstream gradient with some -0.0 entries (libtorch's accumulation turns those into +0).</summary>
    public static Tensor Upstream(long[] shape, int seed)
    {
        using var generator = Seeded(seed + 1000);
        using var values = torch.randn(shape, generator: generator);
        using var coin = torch.rand(shape, generator: generator);
        using var at = coin.lt(0.05f);
        using var negativeZero = torch.full(shape, -0.0f);
        return torch.where(at, negativeZero, values);
    }

    /// <summary>The same values laid out channels-last (N, H, W, C in memory), as a leaf tensor.</summary>
    public static Tensor ChannelsLast(Tensor nchw)
    {
        using var nhwc = nchw.permute(0, 2, 3, 1).contiguous();
        using var view = nhwc.permute(0, 3, 1, 2);
        return view.detach();
    }
}
