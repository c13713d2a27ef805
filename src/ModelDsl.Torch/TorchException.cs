namespace ModelDsl.Torch;

/// <summary>An operation failed inside libtorch; the message names the op and libtorch's reason (shapes, dtypes).</summary>
public sealed class TorchException : Exception
{
    /// <summary>Creates the exception for <paramref name="op"/> with libtorch's <paramref name="nativeMessage"/>.</summary>
    public TorchException(string op, string nativeMessage)
        : base($"{op}: {nativeMessage.Trim()}")
    {
        Op = op;
        NativeMessage = nativeMessage;
    }

    /// <summary>The ModelDsl operation that failed, e.g. <c>conv2d</c>.</summary>
    public string Op { get; }

    /// <summary>libtorch's own message, without its C++ backtrace.</summary>
    public string NativeMessage { get; }
}
