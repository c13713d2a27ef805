namespace ModelDsl.Runtime;

/// <summary>
/// TorchSharp's native libraries could not be loaded; the message says what is missing (a backend
/// package, a system library version, a file) instead of TorchSharp's probing trace.
/// </summary>
public sealed class TorchSharpLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and what to do.</param>
    /// <param name="inner">TorchSharp's own failure, with its probing trace.</param>
    public TorchSharpLoadException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
