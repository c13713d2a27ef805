using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

/// <summary>
/// Turns gradient recording off on this thread until disposed (PyTorch's <c>torch.no_grad()</c>), for
/// inference, evaluation and in-place parameter updates. Restores the previous mode, so scopes nest.
/// </summary>
/// <remarks>libtorch keeps the mode per OS thread: open and dispose it on the same thread (no <c>await</c> inside).</remarks>
public readonly struct NoGradScope : IDisposable
{
    // Stored inverted so that default(NoGradScope).Dispose() restores the normal, enabled mode.
    private readonly bool wasDisabled;

    private NoGradScope(bool wasDisabled) => this.wasDisabled = wasDisabled;

    /// <summary>Whether operations on this thread are currently recorded for autograd.</summary>
    public static bool IsGradEnabled => NativeMethods.mdsl_grad_enabled() != 0;

    /// <summary>Disables gradient recording on this thread until the returned scope is disposed.</summary>
    public static NoGradScope Begin()
    {
        var wasDisabled = !IsGradEnabled;
        NativeMethods.mdsl_set_grad_enabled(0);
        return new NoGradScope(wasDisabled);
    }

    /// <summary>Restores the mode that was in force when the scope began.</summary>
    public void Dispose() => NativeMethods.mdsl_set_grad_enabled(wasDisabled ? 0 : 1);
}
