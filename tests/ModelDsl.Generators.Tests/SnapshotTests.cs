using ModelDsl.Generators.Tests.Infrastructure;

namespace ModelDsl.Generators.Tests;

/// <summary>Snapshots of the generated code, from both front ends.</summary>
public class SnapshotTests
{
    [Fact]
    public void MnistConvNetFromAttributes()
    {
        var run = GeneratorHarness.Run(Sources.MnistConvNet);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        Snapshot.Verify(run.Source("Demo.MnistConvNet.g.cs"), "Demo.MnistConvNet.g.cs");
    }
}
