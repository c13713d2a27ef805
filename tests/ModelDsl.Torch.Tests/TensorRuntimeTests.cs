namespace ModelDsl.Torch.Tests;

/// <summary>Process-wide settings; not run in parallel with the other memory-heavy or settings tests.</summary>
[Collection(TensorProcessStateCollection.Name)]
public class TensorRuntimeTests
{
    [Fact]
    public void ThreadsDefaultToTheCoreCountAndCanBeChangedForAllThreads()
    {
        Assert.Equal(Environment.ProcessorCount, TorchRuntime.Threads);
        try
        {
            TorchRuntime.SetThreads(1);
            Assert.Equal(1, TorchRuntime.Threads);
            var seen = 0;
            var thread = new Thread(() => seen = TorchRuntime.Threads);
            thread.Start();
            thread.Join();
            Assert.Equal(1, seen);
        }
        finally
        {
            TorchRuntime.SetThreads(Environment.ProcessorCount);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.SetThreads(0));
    }

    [Fact]
    public void CpuIsTheDefaultAndCudaIsRefusedClearlyWithoutAGpu()
    {
        using var scope = DisposeScope.Begin();
        var t = Tensor.Ones(2);
        Assert.Equal(DeviceType.Cpu, t.Device.Type);
        Assert.Equal(DeviceType.Cpu, TorchRuntime.DefaultDevice.Type);
        Assert.Equal([1f, 1f], t.To(Device.Cpu).ToArray<float>());
        if (TorchRuntime.IsCudaAvailable)
        {
            Assert.Equal(DeviceType.Cuda, t.To(Device.Cuda).Device.Type);
        }
        else
        {
            var e = Assert.Throws<NotSupportedException>(() => t.To(Device.Cuda));
            Assert.Contains("cuda", e.Message);
            Assert.Throws<NotSupportedException>(() => TorchRuntime.DefaultDevice = Device.Cuda);
        }
        Assert.Equal("cuda:1", new Device(DeviceType.Cuda, 1).ToString());
    }
}
