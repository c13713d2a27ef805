using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Nn;

/// <summary>
/// Sets the intra-op thread count of the calling thread only (OpenMP keeps one per thread), for tiny
/// models where a second thread only adds barrier waits; the process-wide count is untouched.
/// </summary>
internal static class ThreadIntraOp
{
    /// <summary>Sets this thread's count; returns the previous one, or 0 when libtorch does not use OpenMP.</summary>
    internal static int Set(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        return NativeError.Check(NativeMethods.mdsl_nn_set_thread_intraop_threads(threads), "set_thread_intraop_threads");
    }
}
