using static TorchSharp.torch;

namespace ModelDsl.Transfer.Tests.Support;

/// <summary>Reads a TorchSharp tensor's elements for assertions.</summary>
internal static class TensorValues
{
    /// <summary>The elements as float32, row-major, whatever the tensor's dtype, device or strides.</summary>
    public static float[] Floats(this Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().cpu().to(ScalarType.Float32).contiguous().data<float>().ToArray();
    }

    /// <summary>The elements as int64.</summary>
    public static long[] Longs(this Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().cpu().to(ScalarType.Int64).contiguous().data<long>().ToArray();
    }
}
