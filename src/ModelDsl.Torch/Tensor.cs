using System.Runtime.InteropServices;
using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

/// <summary>
/// An n-dimensional array owned by libtorch. Each instance owns one reference to a native tensor and
/// releases it when disposed, when the enclosing <see cref="DisposeScope"/> ends, or at finalisation.
/// </summary>
/// <remarks>
/// Ops live in partial files by area (creation, shape, math, reduce, autograd, data, in-place).
/// Every op returns a new <see cref="Tensor"/> tracked by the current <see cref="DisposeScope"/>.
/// Using a disposed tensor throws <see cref="ObjectDisposedException"/>.
/// </remarks>
public sealed partial class Tensor : SafeHandle
{
    // Shape and dtype never change in place through this API (no resize_/set_ is exposed),
    // so they are read once: the training loop asks for them on every call.
    private long[]? shape;
    private DType? dtype;

    internal Tensor(IntPtr native, string op)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(NativeError.Check(native, op));
        DisposeScope.Current?.Track(this);
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The scope that will dispose this tensor, if any.</summary>
    internal DisposeScope? Owner { get; set; }

    /// <summary>The raw native pointer, for P/Invoke calls; valid while this tensor is alive.</summary>
    internal IntPtr Ptr
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    /// <summary>The size of each dimension, outermost first (a copy the caller may keep).</summary>
    public long[] Shape => CachedShape.AsSpan().ToArray();

    /// <summary>The number of dimensions.</summary>
    public int Dim => CachedShape.Length;

    /// <summary>The size of dimension <paramref name="dim"/>; negative counts from the end.</summary>
    public long Size(int dim)
    {
        var s = CachedShape;
        var d = dim < 0 ? dim + s.Length : dim;
        if ((uint)d >= (uint)s.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(dim), $"Dimension {dim} is out of range for a tensor of shape {ShapeText(s)}.");
        }
        return s[d];
    }

    /// <summary>The number of elements.</summary>
    public long Numel
    {
        get
        {
            long n = 1;
            foreach (var d in CachedShape) n *= d;
            return n;
        }
    }

    /// <summary>The element type.</summary>
    public DType DType => dtype ??= (DType)NativeError.Check(KeepAlive(NativeMethods.mdsl_tensor_dtype(Ptr)), "dtype");

    /// <summary>Whether the elements are laid out row-major without gaps.</summary>
    public bool IsContiguous => NativeError.Check(KeepAlive(NativeMethods.mdsl_tensor_is_contiguous(Ptr)), "is_contiguous") != 0;

    private unsafe long[] CachedShape
    {
        get
        {
            if (shape is not null) return shape;
            var ndim = NativeError.Check(NativeMethods.mdsl_tensor_ndim(Ptr), "shape");
            var s = new long[ndim];
            fixed (long* p = s)
            {
                NativeError.Check(NativeMethods.mdsl_tensor_shape(Ptr, p, ndim), "shape");
            }
            GC.KeepAlive(this);
            return shape = s;
        }
    }

    /// <summary>Formats a shape as PyTorch prints sizes in messages: <c>[2, 3]</c>.</summary>
    internal static string ShapeText(ReadOnlySpan<long> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>Wraps an op's native result, naming the op and its input's shape if it failed.</summary>
    /// <remarks>Taking the input as an argument keeps it alive (not finalised) until the native call has returned.</remarks>
    internal static Tensor Result(IntPtr native, string op, Tensor input)
    {
        if (native == IntPtr.Zero) throw NativeError.Failure(op, "input of shape " + ShapeText(input.CachedShape));
        return new Tensor(native, op);
    }

    /// <summary>Wraps a binary op's native result, naming both input shapes if it failed.</summary>
    internal static Tensor Result(IntPtr native, string op, Tensor a, Tensor b)
    {
        if (native == IntPtr.Zero)
        {
            throw NativeError.Failure(op, $"shapes {ShapeText(a.CachedShape)} and {ShapeText(b.CachedShape)}");
        }
        return new Tensor(native, op);
    }

    /// <summary>Checks an in-place op's status, naming this tensor's shape if it failed.</summary>
    internal Tensor InPlace(int status, string op)
    {
        if (status < 0) throw NativeError.Failure(op, "tensor of shape " + ShapeText(CachedShape));
        return this;
    }

    /// <summary>Checks an in-place op with a tensor operand, naming both shapes if it failed.</summary>
    internal Tensor InPlace(int status, string op, Tensor other)
    {
        if (status < 0) throw NativeError.Failure(op, $"shapes {ShapeText(CachedShape)} and {ShapeText(other.CachedShape)}");
        GC.KeepAlive(other);
        return this;
    }

    private T KeepAlive<T>(T value)
    {
        GC.KeepAlive(this);
        return value;
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        NativeMethods.mdsl_tensor_free(handle);
        return true;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // A tensor disposed by hand leaves its scope at once, so long scopes do not hold dead objects.
        if (disposing) Owner?.Forget(this);
        base.Dispose(disposing);
    }

    /// <summary>Shape, dtype and device, e.g. <c>Tensor[2, 3] Float32</c>; values are not printed.</summary>
    public override string ToString()
    {
        if (IsClosed) return "Tensor(disposed)";
        var device = Device;
        var text = $"Tensor{ShapeText(CachedShape)} {DType}";
        if (device.Type != DeviceType.Cpu) text += " " + device;
        return RequiresGrad ? text + " requires_grad" : text;
    }
}
