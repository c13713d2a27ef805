namespace ModelDsl.Runtime.Tests.Loading;

public class ElfVersionNeedsTests
{
    private static string ShippedLibrary()
    {
        var home = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                   ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        // The TorchSharp package carries its linux-x64 library on every OS, and this project restores it.
        var path = Path.Combine(home, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"TorchSharp's shipped library is not in the NuGet cache: {path}");
        return path;
    }

    [Fact]
    public void ShippedLibraryNeedsTheVersionOnlyForTheUnboundSymbol()
    {
        var shipped = ShippedLibrary();
        var elf = File.ReadAllBytes(shipped);
        var requirement = ElfVersionNeeds.FindRequirement(elf, ElfVersionNeeds.TorchSharpGlibcxxVersion);
        Assert.NotNull(requirement);
        Assert.False(requirement!.Value.Weak);
        Assert.Equal(new[] { ElfVersionNeeds.UnboundSymbol }, ElfVersionNeeds.SymbolsOfVersion(elf, requirement.Value.Index));
    }

    [Fact]
    public void WeakeningWritesANewFileAndNeverThroughAHardLink()
    {
        var shipped = ShippedLibrary();
        var dir = Directory.CreateTempSubdirectory("modeldsl-elf-");
        try
        {
            var original = Path.Combine(dir.FullName, "original.so");
            File.Copy(shipped, original);
            var link = Path.Combine(dir.FullName, "libLibTorchSharp.so");
            using (var ln = System.Diagnostics.Process.Start("ln", new[] { original, link }))
            {
                ln.WaitForExit();
                Assert.Equal(0, ln.ExitCode);
            }
            var before = File.ReadAllBytes(original);

            Assert.Equal(WeakenOutcome.Patched, ElfVersionNeeds.WeakenInPlace(link, ElfVersionNeeds.TorchSharpGlibcxxVersion));

            Assert.Equal(before, File.ReadAllBytes(original));
            var patched = File.ReadAllBytes(link);
            Assert.Equal(before.Length, patched.Length);
            Assert.Equal(1, before.Zip(patched).Count(p => p.First != p.Second));
            Assert.True(ElfVersionNeeds.FindRequirement(patched, ElfVersionNeeds.TorchSharpGlibcxxVersion)!.Value.Weak);
            Assert.Equal(WeakenOutcome.AlreadyWeak, ElfVersionNeeds.WeakenInPlace(link, ElfVersionNeeds.TorchSharpGlibcxxVersion));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void NonElfAndTruncatedFilesAreLeftAlone()
    {
        var dir = Directory.CreateTempSubdirectory("modeldsl-elf-");
        try
        {
            var text = Path.Combine(dir.FullName, "not-elf.so");
            File.WriteAllText(text, "hello");
            Assert.Equal(WeakenOutcome.NotRequired, ElfVersionNeeds.WeakenInPlace(text, ElfVersionNeeds.TorchSharpGlibcxxVersion));
            var shipped = ShippedLibrary();
            var truncated = Path.Combine(dir.FullName, "truncated.so");
            File.WriteAllBytes(truncated, File.ReadAllBytes(shipped).AsSpan(0, 4096).ToArray());
            Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.WeakenInPlace(truncated, ElfVersionNeeds.TorchSharpGlibcxxVersion));
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
