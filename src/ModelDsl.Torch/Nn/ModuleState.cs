using ModelDsl.Torch.Native;

namespace ModelDsl.Torch.Nn;

/// <summary>Creates module state in one native call: a filled leaf tensor that requires grad or not.</summary>
internal static class ModuleState
{
    internal static unsafe Tensor Create(long[] shape, double value = 0, DType dtype = DType.Float32, bool requiresGrad = false)
    {
        fixed (long* s = shape)
        {
            return new Tensor(NativeMethods.mdsl_nn_new_state(s, shape.Length, (int)dtype, value, requiresGrad ? 1 : 0), "new_state");
        }
    }
}
