using System.Runtime.InteropServices;

namespace ModelDsl.Torch.Native;

/// <summary>Turns the shim's failure convention into managed exceptions.</summary>
internal static class NativeError
{
    /// <summary>Throws <see cref="TorchException"/> with the native message when <paramref name="handle"/> is zero.</summary>
    internal static IntPtr Check(IntPtr handle, string op)
    {
        if (handle == IntPtr.Zero) Throw(op);
        return handle;
    }

    /// <summary>Throws <see cref="TorchException"/> with the native message when <paramref name="status"/> is negative.</summary>
    internal static int Check(int status, string op)
    {
        if (status < 0) Throw(op);
        return status;
    }

    /// <summary>Throws <see cref="TorchException"/> with the native message when <paramref name="status"/> is negative.</summary>
    internal static long Check(long status, string op)
    {
        if (status < 0) Throw(op);
        return status;
    }

    /// <summary>The exception for a failed <paramref name="op"/>, with what it was applied to (e.g. the input shapes).</summary>
    internal static TorchException Failure(string op, string inputs) => new(op, LastMessage(), inputs);

    /// <summary>The calling thread's last native failure message.</summary>
    internal static string LastMessage() =>
        Marshal.PtrToStringUTF8(NativeMethods.mdsl_last_error()) ?? "unknown native error";

    private static void Throw(string op) => throw new TorchException(op, LastMessage());
}
