using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>
/// Releases, one call later, tensor handles that TorchSharp's autograd functions need alive only until native code has
/// taken its own reference: the raw output of <c>forward</c> (TorchSharp wraps it in a new handle) and the gradient
/// returned from <c>backward</c>. Without this, outside a dispose scope their memory would wait for the garbage
/// collector. Per thread, because libtorch copies a returned tensor on the thread that called the function.
/// </summary>
internal static class DeferredRelease
{
    [ThreadStatic]
    private static Tensor? pending;

    /// <summary>Keeps <paramref name="tensor"/> until the next call on this thread and returns it.</summary>
    public static Tensor Hold(Tensor tensor)
    {
        var previous = pending;
        pending = tensor;
        previous?.Dispose();
        return tensor;
    }

    /// <summary>Disposes the handle held on this thread, if any.</summary>
    public static void ReleaseHeld()
    {
        var previous = pending;
        pending = null;
        previous?.Dispose();
    }
}
