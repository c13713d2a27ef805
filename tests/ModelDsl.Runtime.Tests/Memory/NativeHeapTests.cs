using ModelDsl.Runtime.Memory;
using ModelDsl.Runtime.Tests.Support;

namespace ModelDsl.Runtime.Tests.Memory;

/// <summary>Loading TorchSharp through ModelDsl switches glibc to keeping freed blocks (process-wide, so it runs alone).</summary>
[Collection(ProcessStateCollection.Name)]
public class NativeHeapTests
{
    [Fact]
    public void LoadingTorchSharpKeepsFreedMemoryOnLinux()
    {
        TorchSharpRuntime.EnsureLoaded();
        var expected = OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MDSL_KEEP_FREED_MEMORY") != "0";
        Assert.Equal(expected, NativeHeap.IsKeepingFreedMemory);
        Assert.Equal(expected, NativeHeap.KeepFreedMemory());
    }
}
