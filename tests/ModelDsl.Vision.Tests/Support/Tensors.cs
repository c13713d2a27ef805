namespace ModelDsl.Vision.Tests.Support;

/// <summary>Short ways to make and read CPU tensors in tests.</summary>
public static class Tensors
{
    public static Tensor From(float[] values, params long[] shape) => torch.tensor(values, shape);

    public static float[] Floats(this Tensor tensor) => tensor.data<float>().ToArray();

    public static long[] Longs(this Tensor tensor) => tensor.data<long>().ToArray();
}
