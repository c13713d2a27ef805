using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Training.Data;

/// <summary>Fills new CPU tensors from managed memory without an intermediate array.</summary>
internal static class HostTensors
{
    /// <summary>
    /// A new tensor of <paramref name="shape"/> and element type <typeparamref name="T"/> whose elements are
    /// written by <paramref name="fill"/>. It belongs to no dispose scope: batches cross threads and are owned
    /// by whoever asked for them.
    /// </summary>
    public static Tensor Create<T>(ReadOnlySpan<long> shape, ScalarType dtype, SpanAction<T> fill) where T : unmanaged
    {
        var tensor = empty(shape.ToArray(), dtype).DetachFromDisposeScope();
        try
        {
            fill(MemoryMarshal.Cast<byte, T>(tensor.bytes));
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }

    /// <summary>Writes the elements of a new tensor.</summary>
    public delegate void SpanAction<T>(Span<T> elements);
}
