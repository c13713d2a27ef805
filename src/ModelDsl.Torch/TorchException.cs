namespace ModelDsl.Torch;

/// <summary>An operation failed inside libtorch; the message names the op, its inputs' shapes and libtorch's reason.</summary>
public sealed class TorchException : Exception
{
    /// <summary>Creates the exception for <paramref name="op"/> with libtorch's <paramref name="nativeMessage"/>.</summary>
    public TorchException(string op, string nativeMessage)
        : base($"{op}: {nativeMessage.Trim()}")
    {
        Op = op;
        NativeMessage = nativeMessage;
    }

    /// <summary>
    /// Creates the exception for <paramref name="op"/> applied to <paramref name="inputs"/> (e.g. "shapes [2, 3] and [4, 5]"),
    /// because libtorch's own message does not always name the shapes.
    /// </summary>
    public TorchException(string op, string nativeMessage, string inputs)
        : base($"{op} on {inputs}: {nativeMessage.Trim()}")
    {
        Op = op;
        NativeMessage = nativeMessage;
    }

    /// <summary>The ModelDsl operation that failed, e.g. <c>conv2d</c>.</summary>
    public string Op { get; }

    /// <summary>libtorch's own message, without its C++ backtrace.</summary>
    public string NativeMessage { get; }
}
