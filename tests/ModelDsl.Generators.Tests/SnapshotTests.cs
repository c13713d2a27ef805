using ModelDsl.Generators.Tests.Infrastructure;

namespace ModelDsl.Generators.Tests;

/// <summary>Snapshots of the generated code for the seed convnet, VGG16, ResNet50, MobileNetV2 and a model of the issue-14 layers, from both front ends.</summary>
public class SnapshotTests
{
    [Fact]
    public void MnistConvNetFromAttributes() => VerifyClass(Sources.MnistConvNet, "Demo.MnistConvNet.g.cs");

    [Fact]
    public void Vgg16FromAttributes() => VerifyClass(Sources.Vgg16, "Demo.Vgg16.g.cs");

    [Fact]
    public void ResNet50FromAttributes() => VerifyClass(Sources.ResNet50, "Demo.ResNet50.g.cs");

    [Fact]
    public void MobileNetV2FromAttributes() => VerifyClass(Sources.MobileNetV2, "Demo.MobileNetV2.g.cs");

    [Fact]
    public void NewLayersFromAttributes() => VerifyClass(Sources.NewLayers, "Demo.NewLayers.g.cs");

    [Fact]
    public void MnistConvNetFromSpec() => VerifySpec("MnistConvNet");

    [Fact]
    public void NewLayersFromSpec()
    {
        var run = GeneratorHarness.Run("// no C# models", Repo.TestSpec("NewLayers"));
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        Snapshot.Verify(run.Source("TestApp.NewLayers.mdsl.g.cs"), "TestApp.NewLayers.mdsl.g.cs");
    }

    /// <summary>Both front ends give NewLayers the same parameters (16*8*9+16 + 16*4+4 + 4*16+16 + 8*8+8 + 16*10+10) and output.</summary>
    [Fact]
    public void NewLayersAgreeAcrossFrontEnds()
    {
        var fromAttributes = GeneratorHarness.Run(Sources.NewLayers).Source("Demo.NewLayers.g.cs");
        var fromSpec = GeneratorHarness.Run("// no C# models", Repo.TestSpec("NewLayers")).Source("TestApp.NewLayers.mdsl.g.cs");
        foreach (var source in new[] { fromAttributes, fromSpec })
        {
            Assert.Contains("Total params: 1,558", source);
            Assert.Contains("OutputShape { get; } = new long[] { 10 };", source);
        }
    }

    [Fact]
    public void Vgg16FromSpec() => VerifySpec("VGG16");

    [Fact]
    public void ResNet50FromSpec() => VerifySpec("ResNet50");

    [Fact]
    public void MobileNetV2FromSpec() => VerifySpec("MobileNetV2");

    private static void VerifyClass(string source, string hint, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        Snapshot.Verify(run.Source(hint), hint, testMethod: test);
    }

    private static void VerifySpec(string name, [System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var run = GeneratorHarness.Run("// no C# models", Repo.Zoo(name));
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.CompileErrors);
        var hint = "TestApp." + name + ".mdsl.g.cs";
        Snapshot.Verify(run.Source(hint), hint, testMethod: test);
    }
}
