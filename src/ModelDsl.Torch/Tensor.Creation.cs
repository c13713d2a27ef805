using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

public sealed partial class Tensor
{
    /// <summary>A tensor of zeros.</summary>
    public static unsafe Tensor Zeros(long[] shape, DType dtype = DType.Float32) => Factory(shape, dtype, "zeros", &NativeMethods.mdsl_tensor_zeros);

    /// <summary>A float32 tensor of zeros.</summary>
    public static Tensor Zeros(params long[] shape) => Zeros(shape, DType.Float32);

    /// <summary>A tensor of ones.</summary>
    public static unsafe Tensor Ones(long[] shape, DType dtype = DType.Float32) => Factory(shape, dtype, "ones", &NativeMethods.mdsl_tensor_ones);

    /// <summary>A float32 tensor of ones.</summary>
    public static Tensor Ones(params long[] shape) => Ones(shape, DType.Float32);

    /// <summary>An uninitialised tensor (its values are whatever the memory held): for outputs about to be overwritten.</summary>
    public static unsafe Tensor Empty(long[] shape, DType dtype = DType.Float32) => Factory(shape, dtype, "empty", &NativeMethods.mdsl_tensor_empty);

    /// <summary>A tensor filled with <paramref name="value"/>.</summary>
    public static unsafe Tensor Full(long[] shape, double value, DType dtype = DType.Float32)
    {
        CheckShape(shape);
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.mdsl_tensor_full(s, shape.Length, value, (int)dtype), "full");
        }
    }

    /// <summary>Uniform random values in [0, 1), from the generator seeded by <see cref="TorchRuntime.ManualSeed"/>.</summary>
    public static unsafe Tensor Rand(long[] shape, DType dtype = DType.Float32) => Factory(shape, dtype, "rand", &NativeMethods.mdsl_tensor_rand);

    /// <summary>Float32 uniform random values in [0, 1).</summary>
    public static Tensor Rand(params long[] shape) => Rand(shape, DType.Float32);

    /// <summary>Standard normal random values, from the generator seeded by <see cref="TorchRuntime.ManualSeed"/>.</summary>
    public static unsafe Tensor Randn(long[] shape, DType dtype = DType.Float32) => Factory(shape, dtype, "randn", &NativeMethods.mdsl_tensor_randn);

    /// <summary>Float32 standard normal random values.</summary>
    public static Tensor Randn(params long[] shape) => Randn(shape, DType.Float32);

    /// <summary>Random integers in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static unsafe Tensor RandInt(long low, long high, long[] shape, DType dtype = DType.Int64)
    {
        CheckShape(shape);
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.mdsl_tensor_randint(low, high, s, shape.Length, (int)dtype), "randint");
        }
    }

    /// <summary>Values from <paramref name="start"/> up to (not including) <paramref name="end"/> by <paramref name="step"/>.</summary>
    public static Tensor Arange(double start, double end, double step = 1, DType dtype = DType.Float32) =>
        new(NativeMethods.mdsl_tensor_arange(start, end, step, (int)dtype), "arange");

    /// <summary>Int64 values 0, 1, ..., <paramref name="end"/> - 1.</summary>
    public static Tensor Arange(long end) => new(NativeMethods.mdsl_tensor_arange(0, end, 1, (int)DType.Int64), "arange");

    /// <summary>A zero-dimensional tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float32) => Full([], value, dtype);

    /// <summary>Creates a float32 tensor holding a copy of <paramref name="data"/> with the given shape (an empty shape is 0-d).</summary>
    public static Tensor FromArray(ReadOnlySpan<float> data, params long[] shape) => FromSpan(data, DType.Float32, shape);

    /// <summary>Creates a float64 tensor holding a copy of <paramref name="data"/> with the given shape (an empty shape is 0-d).</summary>
    public static Tensor FromArray(ReadOnlySpan<double> data, params long[] shape) => FromSpan(data, DType.Float64, shape);

    /// <summary>Creates an int64 tensor holding a copy of <paramref name="data"/> with the given shape (an empty shape is 0-d).</summary>
    public static Tensor FromArray(ReadOnlySpan<long> data, params long[] shape) => FromSpan(data, DType.Int64, shape);

    /// <summary>Creates an int32 tensor holding a copy of <paramref name="data"/> with the given shape (an empty shape is 0-d).</summary>
    public static Tensor FromArray(ReadOnlySpan<int> data, params long[] shape) => FromSpan(data, DType.Int32, shape);

    /// <summary>Creates a uint8 tensor holding a copy of <paramref name="data"/> with the given shape (an empty shape is 0-d).</summary>
    public static Tensor FromArray(ReadOnlySpan<byte> data, params long[] shape) => FromSpan(data, DType.UInt8, shape);

    /// <summary>Creates a bool tensor holding a copy of <paramref name="data"/> with the given shape (an empty shape is 0-d).</summary>
    public static Tensor FromArray(ReadOnlySpan<bool> data, params long[] shape) => FromSpan(data, DType.Bool, shape);

    /// <summary>
    /// Creates a tensor of <paramref name="dtype"/> from raw little-endian element bytes (as a file or
    /// another library stores them), copying them.
    /// </summary>
    public static unsafe Tensor FromBytes(ReadOnlySpan<byte> bytes, DType dtype, long[] shape)
    {
        var count = CheckShape(shape);
        long expected = count * dtype.ElementSize();
        if (bytes.Length != expected)
        {
            throw new ArgumentException(
                $"Shape {ShapeText(shape)} of {dtype} needs {expected} bytes but {bytes.Length} were given.", nameof(bytes));
        }
        fixed (byte* d = bytes)
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.mdsl_tensor_from_blob(d, s, shape.Length, (int)dtype), "from_bytes");
        }
    }

    private static unsafe Tensor FromSpan<T>(ReadOnlySpan<T> data, DType dtype, long[] shape) where T : unmanaged
    {
        var count = CheckShape(shape);
        if (count != data.Length)
        {
            throw new ArgumentException($"Shape {ShapeText(shape)} needs {count} elements but {data.Length} were given.", nameof(shape));
        }
        fixed (T* d = data)
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.mdsl_tensor_from_blob(d, s, shape.Length, (int)dtype), "from_array");
        }
    }

    private static unsafe Tensor Factory(long[] shape, DType dtype, string op, delegate*<long*, int, int, IntPtr> create)
    {
        CheckShape(shape);
        fixed (long* s = shape)
        {
            return new Tensor(create(s, shape.Length, (int)dtype), op);
        }
    }

    /// <summary>Validates a shape and returns its element count.</summary>
    private static long CheckShape(long[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"Shape {ShapeText(shape)} has a negative dimension.", nameof(shape));
            count *= d;
        }
        return count;
    }
}
