using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

/// <summary>
/// Records every libtorch operator run while it is open (forward and backward, with times) into a Chrome
/// trace file: open it in chrome://tracing or ui.perfetto.dev to see where a training step spends its time.
/// The same recorder as PyTorch's legacy <c>torch.autograd.profiler.profile</c>; one recording at a time.
/// </summary>
/// <example><code>
/// using (TorchProfiler.Record("step.trace.json")) { trainer.Fit(data, epochs: 1); }
/// </code></example>
public sealed class TorchProfiler : IDisposable
{
    private bool disposed;

    private TorchProfiler()
    {
    }

    /// <summary>Starts recording; disposing the result stops it and writes <paramref name="tracePath"/>.</summary>
    /// <param name="tracePath">The Chrome trace file to write (JSON).</param>
    /// <exception cref="TorchException">A recording is already open.</exception>
    public static TorchProfiler Record(string tracePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(tracePath);
        NativeError.Check(NativeMethods.mdsl_profiler_start(Path.GetFullPath(tracePath)), "profiler_start");
        return new TorchProfiler();
    }

    /// <summary>Stops recording and writes the trace.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        NativeError.Check(NativeMethods.mdsl_profiler_stop(), "profiler_stop");
    }
}
