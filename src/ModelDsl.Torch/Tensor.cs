using System.Runtime.InteropServices;
using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

/// <summary>
/// An n-dimensional array owned by libtorch. Each instance owns one reference to a native tensor and
/// releases it when disposed, when the enclosing <see cref="DisposeScope"/> ends, or at finalisation.
/// </summary>
/// <remarks>Ops live in partial files by area (creation, shape, math, autograd, ...).</remarks>
public sealed partial class Tensor : SafeHandle
{
    internal Tensor(IntPtr native, string op)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(NativeError.Check(native, op));
        DisposeScope.Current?.Track(this);
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The raw native pointer, for P/Invoke calls; valid while this tensor is alive.</summary>
    internal IntPtr Ptr
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    /// <summary>The size of each dimension, outermost first.</summary>
    public unsafe long[] Shape
    {
        get
        {
            var ndim = NativeError.Check(NativeMethods.mdsl_tensor_ndim(Ptr), "shape");
            var shape = new long[ndim];
            fixed (long* p = shape)
            {
                NativeError.Check(NativeMethods.mdsl_tensor_shape(Ptr, p, ndim), "shape");
            }
            GC.KeepAlive(this);
            return shape;
        }
    }

    /// <summary>Creates a float32 tensor holding a copy of <paramref name="data"/> with the given shape.</summary>
    public static unsafe Tensor FromArray(ReadOnlySpan<float> data, params long[] shape)
    {
        CheckCount(data.Length, shape);
        fixed (float* d = data)
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.mdsl_tensor_from_blob(d, s, shape.Length, (int)DType.Float32), "from_array");
        }
    }

    private static void CheckCount(int count, long[] shape)
    {
        long expected = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"Shape [{string.Join(", ", shape)}] has a negative dimension.", nameof(shape));
            expected *= d;
        }
        if (expected != count)
        {
            throw new ArgumentException($"Shape [{string.Join(", ", shape)}] needs {expected} elements but {count} were given.", nameof(shape));
        }
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        NativeMethods.mdsl_tensor_free(handle);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"Tensor[{string.Join(", ", IsClosed ? [] : Shape)}]";
}
