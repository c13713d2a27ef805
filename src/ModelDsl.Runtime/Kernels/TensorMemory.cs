using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Kernels;

/// <summary>Raw access to the float32 elements of contiguous CPU tensors, for the kernels' inner loops.</summary>
internal static unsafe class TensorMemory
{
    /// <summary>
    /// The address of the first element of a contiguous float32 CPU tensor. libtorch owns the memory (it never moves),
    /// so the pointer stays valid for as long as the caller keeps the tensor alive.
    /// </summary>
    public static float* Floats(Tensor tensor) =>
        (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(tensor.bytes));

    /// <summary>The address of the first element of a contiguous uint8 CPU tensor (see <see cref="Floats"/>).</summary>
    public static byte* Bytes(Tensor tensor) =>
        (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(tensor.bytes));

    /// <summary>Whether a tensor's bytes fit one <see cref="Span{T}"/>, which <see cref="Tensor.bytes"/> requires.</summary>
    public static bool FitsSpan(Tensor tensor) => tensor.numel() * tensor.ElementSize <= int.MaxValue;

    /// <summary>Whether a 4-d tensor is channels-last: its N, H, W, C permutation is contiguous.</summary>
    public static bool IsChannelsLast(Tensor tensor)
    {
        using var view = tensor.permute(0, 2, 3, 1);
        return view.is_contiguous();
    }
}
