using ModelDsl.Generators.Tests.Infrastructure;

namespace ModelDsl.Generators.Tests;

/// <summary>Snapshots of the generated code for the seed convnet, VGG16, ResNet50 and MobileNetV2, from both front ends.</summary>
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
    public void MnistConvNetFromSpec() => VerifySpec("MnistConvNet");

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
