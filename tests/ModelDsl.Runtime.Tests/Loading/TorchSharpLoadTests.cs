using ModelDsl.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Runtime.Tests.Loading;

public class TorchSharpLoadTests
{
    [Fact]
    public void TorchSharpLoadsAndRunsATrainingStepOnThisMachine()
    {
        Assert.Equal("2.10.0", TorchSharpRuntime.LibTorchVersion[..6]);
        using var scope = NewDisposeScope();
        var conv = nn.Conv2d(1, 4, 3);
        var optimizer = optim.SGD(conv.parameters(), 0.1);
        var x = randn(2, 1, 8, 8);
        var before = conv.forward(x).square().mean().item<float>();
        for (var i = 0; i < 5; i++)
        {
            optimizer.zero_grad();
            var loss = conv.forward(x).square().mean();
            loss.backward();
            optimizer.step();
        }
        var after = conv.forward(x).square().mean().item<float>();
        Assert.True(after < before, $"loss {before} -> {after}");
    }

    [Fact]
    public void OutputCopyIsPatchedOnlyWhereTheSystemLacksTheVersion()
    {
        var library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!OperatingSystem.IsLinux()) return; // the patch step only acts on Linux
        Assert.True(File.Exists(library), $"the build output has no {library}");
        var system = ElfVersionNeeds.FindSystemLibStdCxx();
        Assert.NotNull(system);
        var requirement = ElfVersionNeeds.FindRequirement(File.ReadAllBytes(library), ElfVersionNeeds.TorchSharpGlibcxxVersion);
        Assert.NotNull(requirement);
        var systemHasIt = ElfVersionNeeds.FileDefinesVersion(system!, ElfVersionNeeds.TorchSharpGlibcxxVersion);
        Assert.Equal(!systemHasIt, requirement!.Value.Weak);
    }

    [Fact]
    public void DiagnosisNamesTheMissingVersionAndLibrary()
    {
        var failure = new DllNotFoundException("/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /app/libLibTorchSharp.so)");
        var message = TorchSharpRuntime.Diagnose(new TypeInitializationException("TorchSharp.torch", failure));
        // On this machine the library is present and loads, so the diagnosis falls back to TorchSharp's own message.
        Assert.Contains("GLIBCXX_3.4.32", message);
    }
}
