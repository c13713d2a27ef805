using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Nn;

public static partial class Functional
{
    /// <summary>y = x Wᵀ + b, with <paramref name="weight"/> [out, in] as PyTorch stores it.</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        var result = new Tensor(NativeMethods.mdsl_nn_linear(input.Ptr, weight.Ptr, bias?.Ptr ?? IntPtr.Zero), "linear");
        GC.KeepAlive(input);
        GC.KeepAlive(weight);
        GC.KeepAlive(bias);
        return result;
    }

    /// <summary>Merges the axes from <paramref name="startDim"/> to <paramref name="endDim"/> into one (default: all but the batch).</summary>
    public static Tensor Flatten(Tensor input, long startDim = 1, long endDim = -1)
    {
        var result = new Tensor(NativeMethods.mdsl_nn_flatten(input.Ptr, startDim, endDim), "flatten");
        GC.KeepAlive(input);
        return result;
    }
}
