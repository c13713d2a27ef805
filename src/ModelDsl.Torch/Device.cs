namespace ModelDsl.Torch;

/// <summary>Kinds of device, numbered as libtorch's <c>c10::DeviceType</c>.</summary>
public enum DeviceType
{
    /// <summary>The host CPU.</summary>
    Cpu = 0,
    /// <summary>An NVIDIA GPU.</summary>
    Cuda = 1,
}

/// <summary>Where a tensor's data lives: the CPU, or a CUDA device when libtorch has CUDA.</summary>
/// <param name="Type">The kind of device.</param>
/// <param name="Index">The device's ordinal, or -1 for the current one of its kind.</param>
public readonly record struct Device(DeviceType Type, int Index = -1)
{
    /// <summary>The host CPU.</summary>
    public static Device Cpu => new(DeviceType.Cpu);

    /// <summary>The current CUDA device (usable only when <see cref="TorchRuntime.IsCudaAvailable"/>).</summary>
    public static Device Cuda => new(DeviceType.Cuda);

    /// <summary>PyTorch's spelling: <c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>.</summary>
    public override string ToString()
    {
        var name = Type == DeviceType.Cpu ? "cpu" : "cuda";
        return Index >= 0 ? $"{name}:{Index}" : name;
    }
}
