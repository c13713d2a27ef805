using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Transfer.Weights;

/// <summary>
/// Moves weights between the managed records files are read into (<see cref="TensorData"/>) and TorchSharp
/// <see cref="Tensor"/>s. Every stored element type has a TorchSharp dtype, so nothing is widened or narrowed here;
/// <see cref="TorchSharp.torch.nn.Module.load_state_dict"/> converts to each parameter's dtype when it copies.
/// </summary>
public static class TensorDataConversion
{
    // Tensor.bytes is a Span, so one copy moves at most int.MaxValue bytes; larger tensors go in chunks.
    private const int ChunkBytes = 1 << 30;

    /// <summary>Creates a CPU tensor of the record's dtype and shape holding a copy of its bytes.</summary>
    /// <param name="data">The record.</param>
    /// <returns>A new tensor the caller owns (it joins the current dispose scope, if any).</returns>
    public static Tensor ToTensor(this TensorData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var tensor = empty(data.Shape.ToArray(), dtype: data.Type, device: CPU);
        if (data.ElementCount == 0) return tensor;
        using var flat = tensor.view(-1);
        var elementSize = data.Type.ByteSize();
        var perChunk = ChunkBytes / elementSize;
        for (long start = 0; start < data.ElementCount; start += perChunk)
        {
            var count = Math.Min(perChunk, data.ElementCount - start);
            using var part = flat.narrow(0, start, count);
            data.Data.Span.Slice(checked((int)(start * elementSize)), checked((int)(count * elementSize))).CopyTo(part.bytes);
        }
        return tensor;
    }

    /// <summary>Creates TorchSharp tensors for every record of a state dict, keyed by name in the file's order.</summary>
    /// <param name="weights">The records.</param>
    /// <returns>New CPU tensors the caller owns, ready for <c>module.load_state_dict(...)</c>.</returns>
    public static Dictionary<string, Tensor> ToTensors(this StateDict weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var data in weights) result[data.Name] = data.ToTensor();
        return result;
    }

    /// <summary>Copies a tensor's elements out as a named record (row-major, little-endian), from any device.</summary>
    /// <param name="tensor">The tensor; it is not modified.</param>
    /// <param name="name">The state-dict key the record carries.</param>
    /// <exception cref="ArgumentException">The tensor's dtype is complex or quantized, which weights files here do not store.</exception>
    public static TensorData ToTensorData(this Tensor tensor, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(name);
        if (!ElementTypes.Stored.Contains(tensor.dtype))
        {
            throw new ArgumentException($"Tensor '{name}' has dtype {tensor.dtype}, which weights files here do not store.", nameof(tensor));
        }
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().cpu().contiguous();
        var elementSize = tensor.dtype.ByteSize();
        var bytes = new byte[checked(cpu.numel() * elementSize)];
        if (bytes.Length > 0)
        {
            var flat = cpu.view(-1);
            var perChunk = ChunkBytes / elementSize;
            for (long start = 0; start < cpu.numel(); start += perChunk)
            {
                var count = Math.Min(perChunk, cpu.numel() - start);
                flat.narrow(0, start, count).bytes.CopyTo(bytes.AsSpan(checked((int)(start * elementSize))));
            }
        }
        return new TensorData(name, tensor.dtype, cpu.shape, bytes);
    }
}
