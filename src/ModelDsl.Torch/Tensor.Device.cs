using ModelDsl.Torch.Native;

namespace ModelDsl.Torch;

public sealed partial class Tensor
{
    /// <summary>The device holding this tensor's data.</summary>
    public unsafe Device Device
    {
        get
        {
            int type, index;
            InPlace(NativeMethods.mdsl_tensor_device(Ptr, &type, &index), "device");
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>This tensor on <paramref name="device"/> (a new handle; a copy when the device differs).</summary>
    /// <exception cref="NotSupportedException">CUDA was asked for but libtorch has no CUDA or no GPU is present.</exception>
    public Tensor To(Device device)
    {
        TorchRuntime.RequireAvailable(device);
        return Result(NativeMethods.mdsl_tensor_to_device(Ptr, (int)device.Type, device.Index), "to", this);
    }
}
