using TorchSharp.Modules;
using static TorchSharp.torch;
using Optimizer = TorchSharp.torch.optim.Optimizer;

namespace ModelDsl.Distributed;

/// <summary>
/// Copies rank 0's model state (parameters and buffers, in place through the tensors' memory) and optimizer state
/// (TorchSharp's own serialisation of it, the bytes a checkpoint holds) to every process, so all start equal —
/// whether rank 0 initialised the model fresh or resumed it from a checkpoint.
/// </summary>
internal static class StateBroadcast
{
    public static unsafe void Model(nn.Module<Tensor, Tensor> model, Collectives collectives)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var (name, t) in model.state_dict())
        {
            var host = t.device_type == TorchSharp.DeviceType.CPU && t.is_contiguous() ? t : t.cpu().contiguous();
            var bytes = host.bytes;
            if (bytes.Length == 0) continue;
            fixed (byte* p = bytes)
            {
                collectives.Broadcast((IntPtr)p, bytes.Length, "broadcast of '" + name + "'");
            }
            if (!ReferenceEquals(host, t)) t.copy_(host);
        }
    }

    /// <summary>Copies rank 0's optimizer state; optimizers TorchSharp cannot serialise start from their (equal) fresh state.</summary>
    public static unsafe void Optimizer(Optimizer optimizer, int rank, Collectives collectives)
    {
        if (optimizer is not OptimizerHelper helper) return;
        byte[] state = [];
        if (rank == 0)
        {
            using var stream = new MemoryStream();
            using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) helper.save_state_dict(writer);
            state = stream.ToArray();
        }
        var length = new long[] { state.LongLength };
        fixed (long* p = length) collectives.Broadcast((IntPtr)p, sizeof(long), "broadcast of the optimizer state's length");
        if (length[0] > int.MaxValue) throw new NotSupportedException($"The optimizer state ({length[0]:N0} bytes) is larger than one MPI broadcast.");
        if (rank != 0) state = new byte[length[0]];
        if (state.Length == 0) return;
        fixed (byte* p = state) collectives.Broadcast((IntPtr)p, state.Length, "broadcast of the optimizer state");
        if (rank == 0) return;
        using var reader = new BinaryReader(new MemoryStream(state));
        helper.load_state_dict(reader);
    }
}
