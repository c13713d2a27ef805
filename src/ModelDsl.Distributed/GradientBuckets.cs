using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using MPI;
using static TorchSharp.torch;

namespace ModelDsl.Distributed;

/// <summary>
/// Averages gradients over the processes in buckets (Horovod's tensor fusion, PyTorch DDP's buckets): the float32
/// gradients are copied back to back into pinned buffers of at most <see cref="MpiDataParallelOptions.BucketBytes"/>,
/// one in-place Allreduce per buffer, started as soon as the buffer is full so the next one fills while the first
/// travels; then each gradient is read back scaled by 1 / processes. Gradients are read and written through the
/// tensors' own memory (<c>Tensor.bytes</c>), without intermediate tensors. With
/// <see cref="BatchNormStatistics.Averaged"/> the floating-point buffers ride along in the same buckets.
/// </summary>
internal sealed class GradientBuckets
{
    private readonly record struct Slot(int Bucket, int Offset, int Count);

    private readonly Collectives collectives;
    private readonly CommunicationStats stats;
    private readonly float scale;
    private readonly List<float[]> buckets = [];
    private readonly List<int> bucketFill = [];
    private readonly Slot[] parameterSlots;
    private readonly Slot[] bufferSlots;
    private readonly bool averageBuffers;

    public GradientBuckets(nn.Module<Tensor, Tensor> model, int worldSize, MpiDataParallelOptions options, Collectives collectives, CommunicationStats stats)
    {
        this.collectives = collectives;
        this.stats = stats;
        scale = 1f / worldSize;
        averageBuffers = options.BatchNorm == BatchNormStatistics.Averaged;
        var capacity = Math.Max(options.BucketBytes / sizeof(float), 1);
        var parameters = Parameters(model);
        foreach (var (name, p) in parameters)
        {
            if (p.dtype != ScalarType.Float32) throw new NotSupportedException($"Parameter '{name}' is {p.dtype}; data-parallel gradients are averaged as float32.");
        }
        parameterSlots = [.. parameters.Select(p => Place(p.Tensor.numel(), capacity))];
        bufferSlots = averageBuffers ? [.. Buffers(model).Select(b => Place(b.numel(), capacity))] : [];
        foreach (var fill in bucketFill) buckets.Add(GC.AllocateUninitializedArray<float>(Math.Max(fill, 1), pinned: true));
    }

    /// <summary>Floats per Allreduce bucket, for <see cref="MpiDataParallel"/>'s bytes-per-step figure.</summary>
    public IReadOnlyList<int> BucketSizes => bucketFill;

    /// <summary>The trainable parameters, in the model's (deterministic) registration order.</summary>
    private static List<(string Name, Tensor Tensor)> Parameters(nn.Module<Tensor, Tensor> model) =>
        [.. model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => (p.name, (Tensor)p.parameter))];

    private static List<Tensor> Buffers(nn.Module<Tensor, Tensor> model) =>
        [.. model.named_buffers().Select(b => b.buffer).Where(b => b.dtype == ScalarType.Float32)];

    private Slot Place(long numel, int capacity)
    {
        if (numel > int.MaxValue) throw new NotSupportedException($"A tensor of {numel} values is larger than one MPI call can reduce.");
        var count = (int)numel;
        // A tensor larger than a bucket gets a bucket of its own.
        if (bucketFill.Count == 0 || (bucketFill[^1] + count > capacity && bucketFill[^1] > 0)) bucketFill.Add(0);
        var slot = new Slot(bucketFill.Count - 1, bucketFill[^1], count);
        bucketFill[^1] += count;
        return slot;
    }

    /// <summary>Averages every trainable parameter's gradient (and, if asked, the float buffers) over the processes.</summary>
    public void Average(nn.Module<Tensor, Tensor> model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var parameters = Parameters(model);
        var gradients = new Tensor[parameters.Count];
        for (var i = 0; i < parameters.Count; i++)
        {
            // A parameter this process's batch did not reach has no gradient: it contributes zeros, and receives the average.
            var p = parameters[i].Tensor;
            var g = p.grad;
            if (g is null)
            {
                p.grad = zeros_like(p);
                g = p.grad!;
            }
            gradients[i] = g;
        }
        var buffers = averageBuffers ? Buffers(model) : [];
        var requests = new int[buckets.Count];
        var copy = Stopwatch.StartNew();
        var next = 0;
        for (var b = 0; b < buckets.Count; b++)
        {
            var bucket = buckets[b].AsSpan();
            for (var i = 0; i < gradients.Length; i++) if (parameterSlots[i].Bucket == b) Read(gradients[i], bucket, parameterSlots[i]);
            for (var i = 0; i < buffers.Count; i++) if (bufferSlots[i].Bucket == b) Read(buffers[i], bucket, bufferSlots[i]);
            requests[b] = collectives.StartAllreduce(Marshal.UnsafeAddrOfPinnedArrayElement(buckets[b], 0), bucketFill[b], Unsafe.MPI_FLOAT, sizeof(float), "gradient Allreduce");
            next = b + 1;
        }
        stats.CopyTime += copy.Elapsed;
        for (var b = 0; b < next; b++) collectives.Wait(ref requests[b], "gradient Allreduce");
        copy.Restart();
        for (var i = 0; i < gradients.Length; i++) Write(buckets[parameterSlots[i].Bucket], parameterSlots[i], gradients[i]);
        for (var i = 0; i < buffers.Count; i++) Write(buckets[bufferSlots[i].Bucket], bufferSlots[i], buffers[i]);
        stats.CopyTime += copy.Elapsed;
        stats.Steps++;
    }

    private static void Read(Tensor t, Span<float> bucket, Slot slot)
    {
        var source = Host(t);
        MemoryMarshal.Cast<byte, float>(source.bytes).CopyTo(bucket.Slice(slot.Offset, slot.Count));
    }

    private void Write(float[] bucket, Slot slot, Tensor t)
    {
        var target = Host(t);
        Scale(bucket.AsSpan(slot.Offset, slot.Count), scale, MemoryMarshal.Cast<byte, float>(target.bytes));
        if (!ReferenceEquals(target, t)) t.copy_(target);
    }

    /// <summary><paramref name="target"/> = <paramref name="source"/> * <paramref name="factor"/>, a SIMD vector at a time.</summary>
    private static void Scale(ReadOnlySpan<float> source, float factor, Span<float> target)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var sourceVectors = MemoryMarshal.Cast<float, Vector<float>>(source);
            var targetVectors = MemoryMarshal.Cast<float, Vector<float>>(target);
            for (var v = 0; v < sourceVectors.Length; v++) targetVectors[v] = sourceVectors[v] * factor;
            i = sourceVectors.Length * Vector<float>.Count;
        }
        for (; i < source.Length; i++) target[i] = source[i] * factor;
    }

    /// <summary>The tensor itself when its memory can be read in place (contiguous, on the CPU), else a host copy.</summary>
    private static Tensor Host(Tensor t) => t.device_type == TorchSharp.DeviceType.CPU && t.is_contiguous() ? t : t.cpu().contiguous();
}
